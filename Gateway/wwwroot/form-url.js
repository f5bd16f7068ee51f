// The recommendation form's state lives in the page address, so reloading or sharing the link asks
// the same question again. Only fields with a value are written, under the API's own names.

const fields = ['challenge', 'council', 'max_cost_band', 'min_evidence_level', 'capacity', 'audience', 'limit'];

function paramsFrom(form) {
  const params = new URLSearchParams();
  for (const name of fields) {
    const value = form[name]?.value.trim();
    if (value && !(name === 'limit' && value === form[name].defaultValue)) params.set(name, value);
  }
  for (const box of form.querySelectorAll('input[name=priorities]:checked')) params.append('priority', box.value);
  return params;
}

/** After an answer: a new history entry for a new question (Back returns to the previous one). */
export function writeFormToUrl(form) {
  const search = `?${paramsFrom(form)}`;
  if (search !== window.location.search) window.history.pushState(null, '', search);
}

/** Fills the form from the address; true when it holds a question worth asking straight away. */
export function readFormFromUrl(form) {
  const params = new URLSearchParams(window.location.search);
  for (const name of fields) {
    if (form[name]) form[name].value = params.get(name) ?? (name === 'limit' ? form[name].defaultValue : '');
  }
  const priorities = new Set(params.getAll('priority'));
  for (const box of form.querySelectorAll('input[name=priorities]')) box.checked = priorities.has(box.value);
  return Boolean(params.get('challenge')?.trim());
}
