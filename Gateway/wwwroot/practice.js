// One practice on its own page (/practice.html?id=...), so it can be linked to and bookmarked.

import { areaLabel, costWords, el, evidenceWords, getJson, problemText } from './catalogue-labels.js';

const status = document.getElementById('practice-status');
const article = document.getElementById('practice');

function facts(pairs) {
  const known = pairs.filter(([, value]) => value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && !value.length));
  return el('dl', { class: 'facts' }, ...known.flatMap(([term, value]) =>
    [el('dt', { text: term }), el('dd', { text: Array.isArray(value) ? value.join(', ') : String(value) })]));
}

function render(practice) {
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
  );
  article.hidden = false;
  status.textContent = '';
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
  render(answer.payload);
}

start();
