// The evidence-gap page: GET /api/v1/evidence-gaps once, then a summary per area, the heat map
// (kinds of place down, service areas across) and, for the square chosen, its councils, practices and
// adoptions. The chosen square lives in the page address (?area=...&cell=...), so it can be shared.

import { areaLabel, el, getJson, problemText } from './catalogue-labels.js';

const ui = {
  status: document.getElementById('gaps-status'),
  summary: document.getElementById('summary'),
  summaryRows: document.getElementById('summary-rows'),
  notes: document.getElementById('gaps-notes'),
  method: document.getElementById('method'),
  map: document.getElementById('map'),
  head: document.getElementById('heatmap-head'),
  rows: document.getElementById('heatmap-rows'),
  detail: document.getElementById('cell-detail'),
  cellHeading: document.getElementById('cell-heading'),
  cellFacts: document.getElementById('cell-facts'),
  cellPractices: document.getElementById('cell-practices'),
  cellCouncilsHeading: document.getElementById('cell-councils-heading'),
  cellCouncils: document.getElementById('cell-councils'),
  cellAdoptions: document.getElementById('cell-adoptions'),
};

const people = new Intl.NumberFormat('en-GB');
const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 });
let report = null;

function millions(n) {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} million` : people.format(n);
}

function setStatus(text, isError = false) {
  ui.status.textContent = text;
  ui.status.classList.toggle('error', isError);
}

function cellLink(area, key) {
  return `/gaps.html?${new URLSearchParams({ area, cell: key })}#cell-detail`;
}

/** The square's look and words: colour class, what it shows, and what a screen reader hears. */
function describe(cell) {
  const n = cell.similar_practice_ids.length;
  if (n === 0 && cell.nation_only_practices === 0) {
    return { cls: 'gap-none', text: '×', words: `no level 3+ practice with evidence from ${cell.nation}` };
  }
  if (n === 0) {
    return { cls: 'gap-nation', text: '0', words: `no practice with evidence from a similar place; ${cell.nation_only_practices} from ${cell.nation} or the UK with the context not stated` };
  }
  const cls = n === 1 ? 'have-1' : n < 5 ? 'have-few' : 'have-many';
  return { cls, text: String(n), words: `${n} practice${n === 1 ? '' : 's'} with evidence from a similar place` };
}

function renderSummary() {
  ui.summaryRows.replaceChildren(...report.areas.map((area) => el('tr', {},
    el('th', { scope: 'row' }, areaLabel(area.area)),
    el('td', {}, area.run_by.startsWith('the county') ? 'county' : 'district'),
    el('td', { class: 'number' }, `${millions(area.residents_without_similar_evidence)} (${percent.format(area.share_without_similar_evidence)})`),
    el('td', { class: 'number' }, `${millions(area.residents_with_nation_evidence_only)} (${percent.format(area.share_with_nation_evidence_only)})`),
    el('td', { class: 'number' }, `${area.practices_at_level} (${area.practices_with_stated_context})`))));
  ui.method.textContent = `How: ${report.method}`;
  ui.notes.hidden = report.notes.length === 0;
  ui.notes.textContent = report.notes.join(' ');
  ui.summary.hidden = false;
}

function renderMap(chosen) {
  // Rows: every kind of place any area counts, in the server's order (nation, tier, rurality, deprivation).
  const rows = new Map();
  for (const area of report.areas) {
    for (const cell of area.cells) if (!rows.has(cell.key)) rows.set(cell.key, cell.label);
  }
  const order = report.areas.flatMap((a) => a.cells.map((c) => c.key));
  const keys = [...rows.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const byArea = new Map(report.areas.map((a) => [a.area, new Map(a.cells.map((c) => [c.key, c]))]));

  ui.head.replaceChildren(el('th', { scope: 'col' }, 'Kind of place'),
    ...report.areas.map((a) => el('th', { scope: 'col' }, areaLabel(a.area))));
  ui.rows.replaceChildren(...keys.map((key) => el('tr', {},
    el('th', { scope: 'row' }, rows.get(key)),
    ...report.areas.map((area) => {
      const cell = byArea.get(area.area).get(key);
      if (!cell) {
        return el('td', {}, el('span', { class: 'not-counted' }, el('span', { 'aria-hidden': 'true' }, '–'),
          el('span', { class: 'visually-hidden' }, `${areaLabel(area.area)}: not counted here, the other tier runs it`)));
      }
      const look = describe(cell);
      const current = chosen && chosen.area === area.area && chosen.key === key;
      return el('td', {}, el('a', {
        class: look.cls,
        href: cellLink(area.area, key),
        'aria-label': `${look.text === '×' ? 'none' : look.text}: ${areaLabel(area.area)}, ${cell.label}: ${look.words}`,
        'aria-current': current ? 'true' : null,
      }, look.text));
    }))));
  ui.map.hidden = false;
}

function practiceItem(id) {
  const practice = report.practices[id];
  return el('li', {}, el('a', { href: `/practice.html?id=${encodeURIComponent(id)}` }, practice?.title ?? id),
    practice ? ` (level ${practice.evidence_level}; evidence from ${practice.countries.join(', ') || 'not stated'})` : '');
}

function renderDetail(chosen, moveFocus) {
  const area = chosen && report.areas.find((a) => a.area === chosen.area);
  const cell = area?.cells.find((c) => c.key === chosen.key);
  if (!cell) {
    ui.detail.hidden = true;
    return;
  }
  ui.cellHeading.textContent = `${areaLabel(area.area)}: ${cell.label}`;
  ui.cellFacts.textContent = `${people.format(cell.residents)} residents in ${cell.council_codes.length} council${cell.council_codes.length === 1 ? '' : 's'}, counted at ${area.run_by}.`;

  const practices = cell.similar_practice_ids.length > 0
    ? [el('ul', { class: 'practice-list' }, ...cell.similar_practice_ids.map(practiceItem)),
      el('p', {}, el('a', { href: cell.practices_url }, 'See these practices in the catalogue'))]
    : [el('p', {}, 'None: this is a gap. ',
      cell.nation_only_practices > 0
        ? `${cell.nation_only_practices} level 3+ practice${cell.nation_only_practices === 1 ? ' has' : 's have'} evidence from ${cell.nation} or the UK without saying what kind of place. `
        : `No level 3+ practice in this area has evidence from ${cell.nation}. `,
      el('a', { href: cell.practices_url }, `Browse the level 3+ practices in ${areaLabel(area.area).toLowerCase()}`))];
  ui.cellPractices.replaceChildren(...practices);

  ui.cellCouncilsHeading.textContent = `Councils (${cell.council_codes.length})`;
  ui.cellCouncils.replaceChildren(...cell.council_codes.map((code) => {
    const council = report.councils[code];
    const ask = `/?${new URLSearchParams({ council: code, priority: area.area })}`;
    return el('li', {}, el('a', { href: ask, 'aria-label': `${council?.name ?? code}: find practices for this council` }, council?.name ?? code),
      council?.population ? ` (${people.format(council.population)})` : '');
  }));

  ui.cellAdoptions.replaceChildren(cell.adoptions.length === 0
    ? el('p', {}, 'None known: no practice record names these councils as adopters, and none of them reported one with its council key.')
    : el('ul', {}, ...cell.adoptions.map((a) => el('li', {},
      `${report.councils[a.council_code]?.name ?? a.council_code}: `,
      el('a', { href: `/practice.html?id=${encodeURIComponent(a.practice_id)}` }, report.practices[a.practice_id]?.title ?? a.practice_id),
      ` (${a.source === 'council' ? `reported by the council${a.year ? `, since ${a.year}` : ''}${a.status ? `, ${a.status}` : ''}` : `practice record${a.year ? `, ${a.year}` : ''}${a.status ? `, ${a.status}` : ''}`}${a.outcome ? `; outcome: ${a.outcome}` : ''})`))));
  ui.detail.hidden = false;
  if (moveFocus) ui.cellHeading.focus();
}

function chosenFromUrl() {
  const params = new URLSearchParams(window.location.search);
  const area = params.get('area');
  const key = params.get('cell');
  return area && key ? { area, key } : null;
}

function show(moveFocus) {
  const chosen = chosenFromUrl();
  renderMap(chosen);
  renderDetail(chosen, moveFocus);
}

async function load() {
  const answer = await getJson('/api/v1/evidence-gaps');
  if (!answer.ok) {
    setStatus(problemText(answer.status, answer.payload, 'The evidence-gap map'), true);
    return;
  }
  report = answer.payload;
  const strong = Object.values(report.practices).filter((p) => p.evidence_level >= report.min_evidence_level).length;
  setStatus(`${report.councils_loaded} councils, ${strong} practices at level ${report.min_evidence_level} or above.`);
  renderSummary();
  show(Boolean(chosenFromUrl()));
}

// A square is an ordinary link (open in a new tab, copy); a plain click stays on the page, keeps the map and moves to the detail.
ui.rows.addEventListener('click', (event) => {
  const link = event.target.closest('a');
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  window.history.pushState(null, '', link.getAttribute('href'));
  show(true);
});
window.addEventListener('popstate', () => show(false));

load();
