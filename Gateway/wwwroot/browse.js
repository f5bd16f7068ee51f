// The browse page: GET /api/v1/practices with the filters in the page address, so every view
// (filters, page) has its own link. Facet values are links too: they work without script tricks,
// open in a new tab, and read as links to screen readers.

import { areaLabel, areaLabels, costWords, el, evidenceWords, getJson, problemText } from './catalogue-labels.js';

const filters = ['query', 'area', 'min_evidence', 'max_cost', 'country'];
const pageSize = 20;

const ui = {
  form: document.getElementById('browse'),
  errors: document.getElementById('browse-errors'),
  errorList: document.getElementById('browse-error-list'),
  status: document.getElementById('browse-status'),
  facets: document.getElementById('facets'),
  facetGroups: document.getElementById('facet-groups'),
  answer: document.getElementById('browse-answer'),
  heading: document.getElementById('browse-results-heading'),
  results: document.getElementById('browse-results'),
  pager: document.getElementById('pager'),
  chosen: document.getElementById('browse-chosen'),
};

function setStatus(text, isError = false) {
  ui.status.textContent = text;
  ui.status.classList.toggle('error', isError);
}

function currentParams() {
  return new URLSearchParams(window.location.search);
}

/** The address for the current filters with some changed (null removes one); paging restarts unless given. */
function linkWith(changes) {
  const params = currentParams();
  params.delete('offset');
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === '' || value === undefined) params.delete(name);
    else params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `/browse.html?${search}` : '/browse.html';
}

function fillForm(params) {
  for (const name of filters) ui.form[name].value = params.get(name) ?? '';
}

function showErrors(errors) {
  ui.errorList.replaceChildren(...Object.entries(errors).map(([field, messages]) =>
    el('li', {}, el('a', { href: `#${field}` }, `${document.querySelector(`label[for="${field}"]`)?.textContent ?? field}: ${[].concat(messages).join(' ')}`))));
  ui.errors.hidden = false;
  ui.errors.focus();
}

async function load() {
  const params = currentParams();
  fillForm(params);
  ui.errors.hidden = true;
  ui.answer.setAttribute('aria-busy', 'true');
  setStatus('Loading the catalogue…');
  const api = new URLSearchParams(params);
  if (!api.has('limit')) api.set('limit', String(pageSize));
  const answer = await getJson(`/api/v1/practices?${api}`);
  ui.answer.setAttribute('aria-busy', 'false');
  if (!answer.ok) {
    ui.answer.hidden = true;
    ui.facets.hidden = true;
    if (answer.status === 400 && answer.payload?.errors) {
      showErrors(answer.payload.errors);
      setStatus('The filters could not be used: see the messages above.', true);
    } else {
      setStatus(problemText(answer.status, answer.payload, 'The catalogue'), true);
    }
    return;
  }
  render(answer.payload);
}

function render(page) {
  renderChosen();
  ui.results.replaceChildren(...page.items.map(renderItem));
  renderFacets(page.facets);
  renderPager(page);
  ui.answer.hidden = false;
  ui.facets.hidden = false;
  if (page.total === 0) {
    setStatus('No practice matches these filters. Remove a filter, or look for fewer words.');
  } else {
    const from = page.offset + 1;
    const to = page.offset + page.items.length;
    setStatus(`Showing ${from} to ${to} of ${page.total} practices.`);
  }
}

/** A link may name the practices to show (?ids=a,b: a square of the evidence-gap map); say so, and how to see them all. */
function renderChosen() {
  const ids = currentParams().get('ids');
  ui.chosen.hidden = !ids;
  if (!ids) return;
  const count = ids.split(',').filter(Boolean).length;
  ui.chosen.replaceChildren(`Only the ${count} practice${count === 1 ? '' : 's'} the link named (from the `,
    el('a', { href: '/gaps.html' }, 'evidence-gap map'), '). ', el('a', { href: linkWith({ ids: null }) }, 'Show every practice'), '.');
}

function renderItem(item) {
  const facts = [
    item.evidence_level ? `Evidence ${item.evidence_level} of 5 (${evidenceWords[item.evidence_level]})` : 'Evidence not rated',
    item.cost_band ? `cost ${item.cost_band} of 5 (${costWords[item.cost_band]})` : 'cost not rated',
  ];
  return el('li', { class: 'browse-item' },
    el('h3', {}, el('a', { href: `/practice.html?id=${encodeURIComponent(item.id)}` }, item.title)),
    el('p', { text: item.summary }),
    el('p', { class: 'hint', text: `${facts.join(', ')}. ${item.service_areas.map(areaLabel).join(', ')}.` }));
}

const facetTitles = { area: 'Service area', evidence_level: 'Evidence level', cost_band: 'Cost band' };
const facetFilter = { area: 'area', evidence_level: 'min_evidence', cost_band: 'max_cost' };

function facetLabel(facet, value) {
  if (value === 'unknown') return 'Not rated';
  if (facet === 'area') return areaLabel(value);
  if (facet === 'evidence_level') return `${value}: ${evidenceWords[value]}`;
  return `${value}: ${costWords[value]}`;
}

function renderFacets(facets) {
  const params = currentParams();
  ui.facetGroups.replaceChildren(...Object.keys(facetTitles).map((facet) => {
    const filter = facetFilter[facet];
    const chosen = params.get(filter);
    const items = (facets[facet] ?? []).filter((entry) => entry.value !== 'unknown' || facet === 'area').map((entry) => {
      const label = `${facetLabel(facet, entry.value)} (${entry.count})`;
      const isChosen = chosen === entry.value;
      return el('li', {}, el('a', { href: linkWith({ [filter]: isChosen ? null : entry.value }), 'aria-current': isChosen ? 'true' : null },
        isChosen ? `${label}, chosen: remove` : label));
    });
    const note = facet === 'area' ? null : el('p', { class: 'hint', text: facet === 'evidence_level' ? 'Choosing a level shows it and stronger.' : 'Choosing a band shows it and cheaper.' });
    return el('section', { class: 'facet', 'aria-labelledby': `facet-${facet}` },
      el('h3', { id: `facet-${facet}`, text: facetTitles[facet] }), note, el('ul', {}, ...items));
  }));
}

function renderPager(page) {
  const links = [];
  if (page.offset > 0) links.push(el('a', { href: linkWith({ offset: Math.max(0, page.offset - page.limit) || null }), rel: 'prev' }, 'Previous page'));
  if (page.offset + page.items.length < page.total) links.push(el('a', { href: linkWith({ offset: page.offset + page.limit }), rel: 'next' }, 'Next page'));
  ui.pager.replaceChildren(...links);
}

function start() {
  for (const [value, label] of areaLabels) ui.form.area.append(el('option', { value }, label));
  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const changes = Object.fromEntries(filters.map((name) => [name, ui.form[name].value.trim() || null]));
    window.history.pushState(null, '', linkWith(changes));
    load().then(() => ui.heading.focus());
  });
  ui.errorList.addEventListener('click', (event) => {
    const link = event.target.closest('a[href^="#"]');
    if (!link) return;
    event.preventDefault();
    document.getElementById(link.getAttribute('href').slice(1))?.focus();
  });
  window.addEventListener('popstate', load);
  load();
}

start();
