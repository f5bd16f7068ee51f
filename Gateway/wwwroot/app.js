// The web page: a form that calls POST /api/v1/recommendations and lists the explained results.
'use strict';

const serviceAreas = [
  ['adult_social_care', 'Adult social care'], ['childrens_services', "Children's services"],
  ['education', 'Education'], ['public_health', 'Public health'],
  ['housing_homelessness', 'Housing and homelessness'], ['community_safety', 'Community safety'],
  ['environment_climate', 'Environment and climate'], ['economy_skills', 'Economy and skills'],
  ['transport', 'Transport'], ['waste', 'Waste'], ['culture_leisure', 'Culture and leisure'],
  ['revenues_benefits', 'Revenues and benefits'], ['digital_corporate', 'Digital and corporate'],
  ['democracy_engagement', 'Democracy and engagement'],
];

const form = document.getElementById('ask');
const statusLine = document.getElementById('status');
const resultsList = document.getElementById('results');
const submitButton = document.getElementById('submit');

for (const [value, label] of serviceAreas) {
  const wrapper = document.createElement('label');
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.name = 'priorities';
  box.value = value;
  wrapper.append(box, document.createTextNode(label));
  document.getElementById('priorities').append(wrapper);
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function problemText(problem) {
  if (problem && problem.errors) {
    return Object.entries(problem.errors).map(([field, messages]) => `${field}: ${messages.join(' ')}`).join(' ');
  }
  return (problem && (problem.detail || problem.title)) || 'Something went wrong.';
}

function renderResult(result) {
  const item = element('li', 'result');
  item.dataset.practiceId = result.practice.id;
  const title = element('h2');
  const link = element('a', null, result.practice.title);
  link.href = `/api/v1/practices/${encodeURIComponent(result.practice.id)}`;
  title.append(link);
  item.append(title, element('p', null, result.practice.summary));

  const meta = element('div', 'meta');
  const level = result.practice.evidence_level;
  const caution = ['negative', 'none'].includes(result.practice.effect_direction);
  meta.append(
    element('span', 'badge' + (caution ? ' caution' : ''), level ? `Evidence level ${level}/5` : 'Unrated evidence'),
    element('span', null, result.practice.cost_band ? `Cost band ${result.practice.cost_band}/5` : 'Cost not published'),
    element('span', null, result.practice.service_areas.join(', ')),
    element('span', null, `Score ${result.score.toFixed(3)}`));
  const source = element('a', null, 'Source');
  source.href = result.practice.source_url;
  source.rel = 'noopener';
  meta.append(source);
  item.append(meta);

  const explanation = result.explanation;
  item.append(element('p', 'why', explanation.text));
  if (explanation.matched_passage) {
    item.append(element('p', 'passage', `“${explanation.matched_passage}”`));
  }
  return item;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const challenge = form.challenge.value.trim();
  if (!challenge) {
    statusLine.textContent = 'Describe your challenge first.';
    statusLine.className = 'error';
    return;
  }

  const body = { challenge, limit: Number(form.limit.value) || 10 };
  if (form.council.value.trim()) body.council = form.council.value.trim();
  const priorities = [...form.querySelectorAll('input[name=priorities]:checked')].map((box) => box.value);
  if (priorities.length) body.priorities = priorities;

  submitButton.disabled = true;
  statusLine.className = '';
  statusLine.textContent = 'Finding practices…';
  resultsList.replaceChildren();
  try {
    const response = await fetch('/api/v1/recommendations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const payload = await response.json().catch(() => null);
    if (!response.ok) {
      statusLine.textContent = problemText(payload);
      statusLine.className = 'error';
      return;
    }
    const count = payload.results.length;
    statusLine.textContent = count
      ? `${count} practice${count === 1 ? '' : 's'}${payload.cached ? ' (from cache)' : ''}.`
      : 'No practice matched. Try describing the challenge differently.';
    resultsList.replaceChildren(...payload.results.map(renderResult));
  } catch (error) {
    statusLine.textContent = `Could not reach the service: ${error.message}`;
    statusLine.className = 'error';
  } finally {
    submitButton.disabled = false;
  }
});
