// Words for the catalogue's codes and small DOM helpers, shared by the recommendations, browse and practice pages.

export const areaLabels = new Map([
  ['adult_social_care', 'Adult social care'], ['childrens_services', "Children's services"],
  ['education', 'Education'], ['public_health', 'Public health'],
  ['housing_homelessness', 'Housing and homelessness'], ['community_safety', 'Community safety'],
  ['environment_climate', 'Environment and climate'], ['economy_skills', 'Economy and skills'],
  ['transport', 'Transport'], ['waste', 'Waste'], ['culture_leisure', 'Culture and leisure'],
  ['revenues_benefits', 'Revenues and benefits'], ['digital_corporate', 'Digital and corporate'],
  ['democracy_engagement', 'Democracy and engagement'],
]);
export const costWords = { 1: 'very low', 2: 'low', 3: 'moderate', 4: 'high', 5: 'very high' };
export const evidenceWords = {
  1: 'a described account', 2: 'data shows a change', 3: 'compared with a control group',
  4: 'independently replicated', 5: 'replicated at scale, with costs',
};

export function areaLabel(area) {
  return areaLabels.get(area) ?? String(area).replaceAll('_', ' ');
}

/** Creates an element; attrs.class and attrs.text are shortcuts, other keys become attributes. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

/** What to tell people when an answer is not a success; never the raw body. */
export function problemText(status, problem, what) {
  if (status === 429) return `Too many requests from your address just now. ${problem?.detail ?? 'Wait a few seconds and try again.'}`;
  if (status === 503) return `${what} is unavailable just now (the service is starting or busy). Try again in a minute.`;
  if (status === 404) return `${problem?.detail ?? 'Not found.'}`;
  return problem?.title ? [problem.title, problem.detail].filter(Boolean).join(': ') : `The service answered with an error (HTTP ${status}). Try again.`;
}

/** GET as JSON; a network failure becomes status 0 so callers have one path for every failure. */
export async function getJson(url) {
  try {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    const payload = await response.json().catch(() => null);
    return { ok: response.ok && payload !== null, status: response.status, payload };
  } catch (error) {
    return { ok: false, status: 0, payload: { title: 'Could not reach Recommend', detail: `${error.message}. Check your connection.` } };
  }
}
