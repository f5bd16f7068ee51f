// One practice on its own page (/practice.html?id=...), so it can be linked to and bookmarked.

import { areaLabel, costWords, el, evidenceWords, getJson, problemText } from './catalogue-labels.js';

const status = document.getElementById('practice-status');
const article = document.getElementById('practice');

function facts(pairs) {
  const known = pairs.filter(([, value]) => value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && !value.length));
  return el('dl', { class: 'facts' }, ...known.flatMap(([term, value]) =>
    [el('dt', { text: term }), el('dd', { text: Array.isArray(value) ? value.join(', ') : String(value) })]));
}

function render(practice, reportsSection) {
  const { evidence, cost } = practice;
  document.title = `${practice.title}: Recommend`;
  const adopters = practice.adopters ?? [];
  article.replaceChildren(
    el('h1', { text: practice.title }),
    el('p', { class: 'lede', text: practice.summary }),
    el('p', { text: practice.description }),
    el('h2', { text: 'At a glance' }),
    facts([
      ['Service areas', practice.service_areas.map(areaLabel)],
      ['Evidence (Nesta, 1-5)', evidence.level ? `${evidence.level} of 5: ${evidenceWords[evidence.level]}` : 'Not rated yet'],
      ["The source's own rating", evidence.source_rating],
      ['Cost band (1-5)', cost.band ? `${cost.band} of 5: ${costWords[cost.band]}` : 'Not rated yet'],
      ['Evidence from', practice.evidence_context?.countries ?? []],
      ['Outcomes', practice.outcomes ?? []],
    ]),
    practice.mechanism ? el('h2', { text: 'How it works' }) : null,
    practice.mechanism ? el('p', { text: practice.mechanism }) : null,
    el('h2', { text: 'Councils that adopted it' }),
    adopters.length
      ? el('ul', {}, ...adopters.map((a) => el('li', { text: [a.council_name, a.year, a.status].filter(Boolean).join(', ') })))
      : el('p', { class: 'hint', text: 'None recorded yet.' }),
    el('p', {},
      el('a', { href: practice.source_url, rel: 'noopener noreferrer' }, `Read the source: ${practice.source}`),
      ' · ',
      el('a', { href: `/api/v1/practices/${encodeURIComponent(practice.id)}` }, 'This practice as JSON')),
    reportsSection,
  );
  article.hidden = false;
  status.textContent = '';
}

const statusWords = {
  considering: 'considering it', piloted: 'piloted it', adopted: 'adopted it', scaled: 'scaled it up', stopped: 'stopped it',
};

function outcomeText(outcome) {
  if (!outcome) return null;
  const improved = outcome.better === 'higher' ? outcome.after > outcome.before : outcome.after < outcome.before;
  return `${outcome.measure}: ${outcome.before} before, ${outcome.after} after (${outcome.period}; ${outcome.better} is better)${improved ? ', an improvement' : ', no improvement'}`;
}

/** What councils reported with their own keys: apart from the evidence, which a council's own account is not. */
function renderReports(answer) {
  const section = el('section', { id: 'reports', 'aria-labelledby': 'reports-heading' },
    el('h2', { id: 'reports-heading', text: 'What councils reported' }));
  if (!answer.ok) {
    section.append(el('p', { class: 'hint', text: problemText(answer.status, answer.payload, "The councils' reports") }));
    return section;
  }
  const { summary, reports } = answer.payload;
  section.append(el('p', { class: 'reported-summary', text: summary.text ?? 'No council has reported trying it yet.' }),
    el('p', { class: 'hint', text: 'Each report was made by the council itself, with its own key. Reports are not evaluations: they sit beside the evidence level, never in it.' }));
  if (reports.length) {
    section.append(el('ul', { class: 'reports' }, ...reports.map((r) => el('li', {},
      el('strong', { text: `${r.council_name ?? r.council} ${statusWords[r.status] ?? r.status}` }),
      r.started ? ` (since ${r.started})` : '',
      ...[outcomeText(r.outcome), r.adaptations ? `Adapted: ${r.adaptations}` : null, r.notes]
        .filter(Boolean).map((text) => el('p', { text })),
      r.evaluation_url ? el('p', {}, el('a', { href: r.evaluation_url, rel: 'noopener noreferrer' }, 'Their evaluation')) : null))));
  }
  return section;
}


async function start() {
  const id = new URLSearchParams(window.location.search).get('id');
  if (!id) {
    status.textContent = 'No practice was named in the address. Browse the catalogue to choose one.';
    return;
  }
  status.textContent = 'Loading the practice…';
  const answer = await getJson(`/api/v1/practices/${encodeURIComponent(id)}`);
  if (!answer.ok) {
    status.textContent = answer.status === 404 || answer.status === 400
      ? `There is no practice "${id}" in the catalogue. Browse the catalogue to find one.`
      : problemText(answer.status, answer.payload, 'The practice');
    status.classList.add('error');
    return;
  }
  const reports = renderReports(await getJson(`/api/v1/practices/${encodeURIComponent(id)}/adoptions`));
  render(answer.payload, reports);
  if (window.location.hash === '#reports') reports.scrollIntoView();
}

start();
