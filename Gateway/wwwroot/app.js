// The web page: asks POST /api/v1/recommendations and shows each practice with why it fits, how
// strong its evidence is and how the council's context compares. Plain DOM calls, no framework or
// build step, so the gateway serves these files as they are.

import { areaLabel, areaLabels, costWords, el } from './catalogue-labels.js';
import { readFormFromUrl, writeFormToUrl } from './form-url.js';

const effectWords = {
  positive: 'Positive effect reported', negative: 'Caution: can make things worse',
  none: 'Caution: no clear effect found', mixed: 'Mixed results', unknown: 'Effect not yet known',
};
const contextFieldLabels = {
  nation: 'Nation', region: 'Region', governance_type: 'Type of council', rural_urban: 'Rural or urban',
  deprivation: 'Deprivation', population: 'Population size',
};
const verdictWords = { match: 'Match', close: 'Close', differs: 'Differs', unknown: 'Unknown' };
// The scales of data/catalogue/evidence-mapping.json, in words (docs/evidence.md).
const ratingScales = {
  eef_toolkit: 'EEF toolkit padlocks', eef_toolkit_superseded: 'EEF toolkit padlocks (superseded page)',
  foundations_guidebook: 'Foundations Guidebook rating', college_of_policing_toolkit: 'College of Policing toolkit (EMMIE)',
  college_of_policing_toolkit_legacy: 'College of Policing toolkit (older quality score)', what_works_wellbeing: 'What Works Wellbeing strength',
  what_works_growth: 'What Works Growth review', chi_evidence_map: 'Evidence map: a count of studies, not a rating',
  nice_guidance: 'NICE guidance', none: 'No published rating: our reading of the study design',
};

// The API refuses offsets above this (RecommendationRequestValidator.MaxOffset).
const maxOffset = 200;
const councilSearchDelayMs = 200;

const ui = {
  form: document.getElementById('ask'),
  submit: document.getElementById('submit'),
  challenge: document.getElementById('challenge'),
  council: document.getElementById('council'),
  councilOptions: document.getElementById('council-options'),
  councilHint: document.getElementById('council-hint'),
  councilAnnounce: document.getElementById('council-announce'),
  errorSummary: document.getElementById('error-summary'),
  errorList: document.getElementById('error-list'),
  status: document.getElementById('status'),
  answer: document.getElementById('answer'),
  resultsHeading: document.getElementById('results-heading'),
  councilSummary: document.getElementById('council-summary'),
  contextNote: document.getElementById('context-note'),
  answerMeta: document.getElementById('answer-meta'),
  results: document.getElementById('results'),
  more: document.getElementById('more'),
  matchNote: document.getElementById('match-note'),
  relatedSection: document.getElementById('related-section'),
  related: document.getElementById('related'),
};

// What the last successful answer was asked with, so "More results" asks the same question.
const paging = { request: null, shown: 0, total: 0, weights: null };

// --- small DOM helpers -------------------------------------------------------------------------

function humanise(value) {
  return String(value).replaceAll('_', ' ');
}

function setStatus(text, isError = false) {
  ui.status.textContent = text;
  ui.status.classList.toggle('error', isError);
}

// --- the form ----------------------------------------------------------------------------------

function renderPriorityBoxes() {
  const container = document.getElementById('priorities');
  for (const [value, label] of areaLabels) {
    const box = el('input', { type: 'checkbox', name: 'priorities', value, id: `priority-${value}` });
    container.append(el('label', { for: box.id }, box, label));
  }
}

/** The request as the API wants it (snake_case); fields left empty are left out, so defaults apply. */
function readRequest(council) {
  const body = { challenge: ui.challenge.value.trim() };
  if (council) body.council = council;

  const priorities = [...ui.form.querySelectorAll('input[name=priorities]:checked')].map((box) => box.value);
  if (priorities.length) body.priorities = priorities;

  const constraints = {};
  if (ui.form.max_cost_band.value) constraints.max_cost_band = Number(ui.form.max_cost_band.value);
  if (ui.form.min_evidence_level.value) constraints.min_evidence_level = Number(ui.form.min_evidence_level.value);
  if (ui.form.capacity.value) constraints.capacity = ui.form.capacity.value;
  if (Object.keys(constraints).length) body.constraints = constraints;

  if (ui.form.audience.value) body.audience = ui.form.audience.value;

  // Sent as typed (even 0 or 99): the API owns the rule and says what is wrong in its own words.
  const limit = ui.form.limit.value.trim();
  if (limit !== '') body.limit = Number(limit);
  return body;
}

/** Only what needs no server: a challenge must be there before anything is asked. */
function checkBeforeSending(body) {
  return body.challenge
    ? null
    : { challenge: ["Describe your challenge first, e.g. 'reduce loneliness among older residents in rural villages'."] };
}

// --- errors (ProblemDetails, RFC 9457) ---------------------------------------------------------

function clearErrors() {
  ui.errorSummary.hidden = true;
  ui.errorList.replaceChildren();
  for (const message of ui.form.querySelectorAll('.field-error')) {
    message.hidden = true;
    message.textContent = '';
  }
  for (const input of ui.form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
}

/** "constraints.max_cost_band" and "priorities[0]" name the form controls "max_cost_band" and "priorities". */
function controlIdFor(field) {
  const last = field.split('.').pop().replace(/\[\d+\]$/, '');
  return document.getElementById(`${last}-error`) ? last : null;
}

function labelFor(id, field) {
  const label = id && (document.querySelector(`label[for="${id}"]`) ?? document.querySelector(`#${id}-field legend`));
  return label ? label.textContent.trim() : humanise(field);
}

/** Puts each field's messages next to it and in the summary at the top of the form. */
function showFieldErrors(errors) {
  for (const [field, messages] of Object.entries(errors)) {
    const text = [].concat(messages).join(' ');
    const id = controlIdFor(field);
    if (id) {
      const slot = document.getElementById(`${id}-error`);
      slot.textContent = text;
      slot.hidden = false;
      document.getElementById(id)?.setAttribute('aria-invalid', 'true');
    }

    const target = id === 'priorities' ? 'priority-adult_social_care' : id;
    const entry = target ? el('a', { href: `#${target}` }, `${labelFor(id, field)}: ${text}`) : `${labelFor(id, field)}: ${text}`;
    ui.errorList.append(el('li', {}, entry));
  }
  ui.errorSummary.hidden = false;
  ui.errorSummary.focus();
}

/** A problem without field errors (503, 500, 404): its title and detail, never the raw body. */
function showProblem(status, problem) {
  const title = problem?.title;
  const detail = problem?.detail;
  let text;
  if (status === 503) {
    text = `The service is busy or starting up and could not rank just now. ${detail ?? ''} Try again in a minute.`;
  } else if (status === 429) {
    text = `Too many requests from your address just now. ${detail ?? ''}`;
  } else if (title || detail) {
    text = [title, detail].filter(Boolean).join(': ');
  } else {
    text = `The service answered with an error (HTTP ${status}). Try again; if it keeps happening, tell the team that runs Recommend.`;
  }
  ui.errorList.replaceChildren(el('li', { text: text.replace(/\s+/g, ' ').trim() }));
  ui.errorSummary.hidden = false;
  ui.errorSummary.focus();
}

/** Either field errors (400 ValidationProblem) or a general problem; both end up readable. */
function reportProblem(status, problem) {
  if (problem?.errors && Object.keys(problem.errors).length) {
    showFieldErrors(problem.errors);
    setStatus('The shortlist could not be made: see the messages in the form.', true);
  } else {
    showProblem(status, problem);
    setStatus('The shortlist could not be made: see the message at the top of the form.', true);
  }
}

// --- asking the API ----------------------------------------------------------------------------

async function postRecommendations(body) {
  const response = await fetch('/api/v1/recommendations', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  // A proxy or a crash can answer HTML; that must not reach the page as text.
  const payload = await response.json().catch(() => null);
  return { ok: response.ok && payload !== null, status: response.status, payload };
}

function setBusy(busy) {
  ui.submit.disabled = busy;
  ui.more.disabled = busy;
  ui.answer.setAttribute('aria-busy', String(busy));
}

async function submitForm(event) {
  event.preventDefault();
  cancelCouncilSearch();
  clearErrors();
  const problems = checkBeforeSending(readRequest(null));
  if (problems) {
    showFieldErrors(problems);
    setStatus('Describe your challenge, then ask again.', true);
    return;
  }

  setBusy(true);
  setStatus('Finding practices…');
  try {
    const body = readRequest(await councilForRequest());
    const answer = await postRecommendations(body);
    if (!answer.ok) {
      reportProblem(answer.status, answer.payload);
      return;
    }
    paging.request = body;
    paging.shown = 0;
    ui.results.replaceChildren();
    showAnswer(answer.payload);
    writeFormToUrl(ui.form);
    ui.resultsHeading.focus();
  } catch (error) {
    showProblem(0, { title: 'Could not reach Recommend', detail: `${error.message}. Check your connection and try again.` });
    setStatus('The shortlist could not be made.', true);
  } finally {
    setBusy(false);
  }
}

async function loadMore() {
  if (!paging.request) return;
  clearErrors();
  setBusy(true);
  setStatus('Finding more practices…');
  try {
    const answer = await postRecommendations({ ...paging.request, offset: paging.shown });
    if (!answer.ok) {
      reportProblem(answer.status, answer.payload);
      return;
    }
    const firstNew = ui.results.children.length;
    showAnswer(answer.payload);
    // Keyboard and screen-reader users continue where the new results start.
    ui.results.children[firstNew]?.querySelector('.title-button')?.focus();
  } catch (error) {
    showProblem(0, { title: 'Could not reach Recommend', detail: error.message });
    setStatus('No more results could be loaded.', true);
  } finally {
    setBusy(false);
  }
}

// --- the answer --------------------------------------------------------------------------------

function showAnswer(payload) {
  paging.total = payload.total;
  paging.weights = payload.weights;
  const councilName = payload.council?.name ?? null;
  const feedbackContext = { requestId: payload.request_id, council: payload.council?.code ?? null };
  ui.results.append(...payload.results.map((result) => renderResult(result, councilName, feedbackContext)));
  paging.shown = ui.results.children.length;

  renderCouncilSummary(payload.council);
  renderContextNote(payload.context_note);
  renderAnswerMeta(payload);
  renderMatchNote(payload.match_note);
  renderRelated(payload.related ?? [], councilName, feedbackContext);

  const nextOffset = paging.shown;
  ui.more.hidden = payload.results.length === 0 || nextOffset >= paging.total || nextOffset > maxOffset;
  ui.answer.hidden = false;
  setStatus(statusText(payload));
}

function statusText(payload) {
  const related = payload.related?.length ?? 0;
  if (paging.shown === 0 && related > 0) return `No practice matched your challenge closely; ${related} related practice${related === 1 ? ' is' : 's are'} listed apart.`;
  if (paging.shown === 0) return 'No practice matched. Try describing the challenge in other words, or loosen the constraints.';
  const where = payload.council ? `, ranked for ${payload.council.name}` : '';
  return `Showing ${paging.shown} of ${paging.total} practices${where}.`;
}

function renderCouncilSummary(council) {
  ui.councilSummary.hidden = !council;
  if (!council) return;
  const facts = [
    council.governance_type && `${humanise(council.governance_type)} council`,
    council.nation,
    council.rural_urban && humanise(council.rural_urban),
    council.population && `${council.population.toLocaleString('en-GB')} residents`,
    council.deprivation_decile && `deprivation decile ${council.deprivation_decile} of 10 (1 = most deprived)`,
  ].filter(Boolean);
  const heading = el('p', { class: 'council-name' }, 'Ranked for ', el('strong', { id: 'resolved-council', text: council.name }),
    council.code ? ` (${council.code})` : '', facts.length ? `: ${facts.join(', ')}.` : '.');
  const similar = council.similar_councils?.length
    ? el('p', { class: 'similar-councils' }, 'Councils most like it: ', el('span', { id: 'similar-councils', text: council.similar_councils.join(', ') }), '.')
    : null;
  ui.councilSummary.replaceChildren(heading, similar ?? '');
}

// Said when fewer practices match closely than were asked for: a short list is a finding, not a fault.
function renderMatchNote(note) {
  ui.matchNote.hidden = !note;
  ui.matchNote.textContent = note ?? '';
}

// Practices below the relevance floor, apart from the recommendations and never numbered among them.
function renderRelated(related, councilName, feedbackContext) {
  ui.related.replaceChildren(...related.map((result) => renderResult(result, councilName, feedbackContext)));
  ui.relatedSection.hidden = related.length === 0;
}

function renderContextNote(note) {
  ui.contextNote.hidden = !note;
  ui.contextNote.replaceChildren(...(note ? [el('strong', { text: 'Read this first. ' }), note] : []));
}

function renderAnswerMeta(payload) {
  const freshness = payload.cached
    ? 'Answered from the cache: this question was asked recently.'
    : 'Ranked just now.';
  ui.answerMeta.replaceChildren(
    el('span', { id: 'cached', 'data-cached': String(payload.cached), text: freshness }),
    ` Index version ${payload.index_version}.`);
}

function renderResult(result, councilName, feedbackContext) {
  const { practice, explanation } = result;
  const detailId = `detail-${result.rank}`;
  const titleButton = el('button', { type: 'button', class: 'title-button', 'aria-expanded': 'false', 'aria-controls': detailId }, practice.title);
  const detail = el('div', { class: 'detail', id: detailId, hidden: true });
  titleButton.addEventListener('click', () => toggleDetail(titleButton, detail, practice.id));

  const item = el('li', { class: 'result', value: String(result.rank), 'data-practice-id': practice.id, 'data-rank': String(result.rank) },
    el('h3', {}, titleButton),
    el('p', { class: 'summary', text: practice.summary }),
    renderBadges(result),
    el('p', { class: 'why', text: explanation.text }),
    renderMatched(explanation),
    councilName ? renderContext(explanation, councilName) : null,
    renderScoreParts(result),
    renderFeedback(practice, feedbackContext),
    detail);
  return item;
}

// --- feedback on a result ----------------------------------------------------------------------

// "We adopted this" is not offered here: only a council, with its own key, can say it adopted a
// practice (POST /api/v1/councils/{code}/adoptions), so anyone's click cannot make a council an adopter.
const feedbackChoices = [
  ['useful', 'Useful'], ['not_relevant', 'Not relevant'], ['dismissed', 'Dismiss'],
];
const feedbackThanks = {
  useful: 'Thank you: recorded as useful.',
  not_relevant: 'Thank you: recorded as not relevant.',
  dismissed: 'Dismissed: it will count against this practice for this question.',
};

/** Real buttons (so Tab and Enter or Space work), aria-pressed for the choice made, and a polite status line. */
function renderFeedback(practice, context) {
  const status = el('p', { class: 'feedback-status', role: 'status', 'aria-live': 'polite' });
  const buttons = feedbackChoices.map(([signal, label]) =>
    el('button', { type: 'button', class: 'feedback-button', 'data-signal': signal, 'aria-pressed': 'false' }, label));
  for (const button of buttons) {
    button.addEventListener('click', () => sendFeedback(practice, context, button, buttons, status));
  }
  return el('div', { class: 'feedback', role: 'group', 'aria-label': `Feedback on ${practice.title}` },
    el('span', { class: 'feedback-label', text: 'Was this helpful?' }), ...buttons, status);
}

async function sendFeedback(practice, context, button, buttons, status) {
  const signal = button.dataset.signal;
  const body = { request_id: context.requestId, practice_id: practice.id, signal };
  if (context.council) body.council = context.council;
  buttons.forEach((b) => { b.disabled = true; });
  status.classList.remove('error');
  status.textContent = 'Sending…';
  try {
    const response = await fetch('/api/v1/feedback', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 202) {
      const problem = await response.json().catch(() => null);
      throw new Error(response.status === 429
        ? 'Too much feedback from here just now; try again in a minute.'
        : problem?.detail ?? problem?.title ?? `The feedback was not recorded (${response.status}).`);
    }
    buttons.forEach((b) => b.setAttribute('aria-pressed', String(b === button)));
    status.textContent = feedbackThanks[signal];
  } catch (error) {
    status.classList.add('error');
    status.textContent = error instanceof TypeError ? 'The feedback could not be sent: check your connection.' : error.message;
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

function renderBadges(result) {
  const { practice, explanation } = result;
  const caution = ['negative', 'none'].includes(practice.effect_direction);
  const level = practice.evidence_level ? `Evidence level ${practice.evidence_level} of 5` : 'Evidence not rated';
  const source = el('a', { href: practice.source_url, rel: 'noopener noreferrer', target: '_blank' }, `Source: ${sourceName(practice)}`);
  const title = [practice.evidence_rating, practice.evidence_level_reason].filter(Boolean).join(' · ');
  // What councils reported sits beside the evidence level, apart from it: a council's account of its
  // own run is not an evaluation.
  const reported = explanation.reported?.text
    ? el('li', { class: 'badge reported' },
      el('a', { href: `/practice.html?id=${encodeURIComponent(practice.id)}#reports` }, explanation.reported.text))
    : null;
  return el('ul', { class: 'badges' },
    el('li', { class: 'badge evidence', title }, level),
    reported,
    caution ? el('li', { class: 'badge caution', text: `⚠ ${effectWords[practice.effect_direction]}` }) : null,
    el('li', { class: 'badge', text: practice.cost_band ? `Cost ${practice.cost_band} of 5 (${costWords[practice.cost_band]})` : 'Cost not published', title: explanation.cost_note }),
    el('li', { class: 'areas-list', text: practice.service_areas.map(areaLabel).join(', ') }),
    el('li', { class: 'score', text: `Score ${result.score.toFixed(3)}` }),
    el('li', {}, source),
    practice.evidence_level_reason
      ? el('li', { class: 'level-reason' }, el('strong', { text: 'Why this level: ' }), practice.evidence_level_reason)
      : null);
}

/** "organisation site" when no page specific to the practice was found (source_url_kind general). */
function sourceName(practice) {
  return practice.source_url_kind === 'general' ? `organisation site (${practice.source})` : practice.source;
}

/** The words the challenge shares with the practice, and the sentence that holds most of them. */
function renderMatched(explanation) {
  if (!explanation.matched_terms.length && !explanation.matched_passage) return null;
  const wrapper = el('div', { class: 'matched' });
  if (explanation.matched_terms.length) {
    wrapper.append(el('p', { class: 'terms' }, 'Matched words: ',
      ...explanation.matched_terms.map((term) => el('span', { class: 'term', text: term }))));
  }
  if (explanation.matched_passage) {
    wrapper.append(el('blockquote', { class: 'passage' }, ...highlight(explanation.matched_passage, explanation.matched_terms)));
  }
  return wrapper;
}

/** Text nodes with each matched word in <mark>; built node by node so catalogue text is never parsed as HTML. */
function highlight(text, terms) {
  if (!terms.length) return [text];
  const escaped = terms.map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const parts = text.split(new RegExp(`(${escaped.join('|')})`, 'gi'));
  return parts.map((part, index) => (index % 2 === 1 ? el('mark', { text: part }) : part));
}

/** How the council compares with where the evidence comes from, what to adapt, and who like it adopted it. */
function renderContext(explanation, councilName) {
  const section = el('div', { class: 'context' });
  if (explanation.weak_evidence_for_context) {
    section.append(el('p', { class: 'weak-marker' },
      el('strong', { text: 'Little evidence from places like yours.' }),
      ` The evidence does not show it working somewhere like ${councilName}, and no council like it is recorded as using it: pilot and evaluate before relying on it.`));
  }

  if (explanation.context?.length) {
    const rows = explanation.context.map((field) => el('tr', {},
      el('th', { scope: 'row', text: contextFieldLabels[field.field] ?? humanise(field.field) }),
      el('td', { text: field.council ? humanise(field.council) : 'Not known' }),
      el('td', { text: field.evidence.length ? field.evidence.map(humanise).join(', ') : 'Not stated' }),
      el('td', {}, el('span', { class: `verdict verdict-${field.verdict}`, text: verdictWords[field.verdict] ?? field.verdict }))));
    section.append(el('table', { class: 'context-table' },
      el('caption', { text: `${councilName} compared with where the evidence comes from` }),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: 'Field' }), el('th', { scope: 'col', text: 'Your council' }),
        el('th', { scope: 'col', text: 'Where the evidence comes from' }), el('th', { scope: 'col', text: 'Verdict' }))),
      el('tbody', {}, ...rows)));
  }

  if (explanation.adaptation_notes?.length) {
    section.append(el('h4', { text: 'Adapting it for your council' }),
      el('ul', { class: 'adaptation-notes' }, ...explanation.adaptation_notes.map((note) => el('li', { text: note }))));
  }

  if (explanation.similar_adopters?.length) {
    section.append(el('h4', { text: 'Councils like yours that adopted it' }),
      el('ul', { class: 'adopters' }, ...explanation.similar_adopters.map((adopter) => el('li', { text: adopterText(adopter) }))));
  }
  return section;
}

function adopterText(adopter) {
  const notes = [
    adopter.is_this_council ? 'your council' : adopter.neighbour_rank && `number ${adopter.neighbour_rank} of the councils most like yours`,
    adopter.status && humanise(adopter.status),
    adopter.year && `since ${adopter.year}`,
  ].filter(Boolean);
  return notes.length ? `${adopter.name} (${notes.join('; ')})` : adopter.name;
}

/** Each signal before weighting, so a reader can see what lifted a practice. */
function renderScoreParts(result) {
  const parts = result.score_parts;
  const weights = paging.weights ?? {};
  const names = { text: 'match with your words', context: 'fit with your council', evidence: 'strength of evidence', cost: 'cost', priority: 'your priorities' };
  const items = Object.entries(names).map(([key, label]) =>
    el('li', { text: `${label}: ${parts[key].toFixed(2)}${weights[key] !== undefined ? ` (weight ${weights[key]})` : ''}` }));
  if (parts.reported) {
    items.push(el('li', { text: `outcomes councils reported: ${parts.reported.toFixed(2)} (from -1 to 1, weight 0.05)` }));
  }
  return el('details', { class: 'score-parts' },
    el('summary', { text: 'How the score was made' }),
    el('p', { text: 'Each part runs from 0 to 1; the score is their weighted sum.' }),
    el('ul', {}, ...items));
}

// --- practice detail ---------------------------------------------------------------------------

async function toggleDetail(button, panel, id) {
  const opening = button.getAttribute('aria-expanded') !== 'true';
  button.setAttribute('aria-expanded', String(opening));
  panel.hidden = !opening;
  if (!opening || panel.dataset.loaded) return;

  panel.replaceChildren(el('p', { role: 'status', text: 'Loading the details…' }));
  try {
    const response = await fetch(`/api/v1/practices/${encodeURIComponent(id)}`, { headers: { Accept: 'application/json' } });
    const practice = await response.json().catch(() => null);
    if (!response.ok || !practice) {
      panel.replaceChildren(el('p', { class: 'error', text: `The details could not be loaded: ${practice?.detail ?? practice?.title ?? `HTTP ${response.status}`}.` }));
      return;
    }
    panel.replaceChildren(...renderPractice(practice));
    panel.dataset.loaded = 'true';
  } catch (error) {
    panel.replaceChildren(el('p', { class: 'error', text: `The details could not be loaded: ${error.message}.` }));
  }
}

/** A definition list of the facts that are known; unknown ones are left out rather than shown blank. */
function facts(pairs) {
  const known = pairs.filter(([, value]) => value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && !value.length));
  if (!known.length) return el('p', { class: 'hint', text: 'Not published.' });
  return el('dl', { class: 'facts' }, ...known.flatMap(([term, value]) =>
    [el('dt', { text: term }), el('dd', { text: Array.isArray(value) ? value.map(humanise).join(', ') : String(value) })]));
}

function yesNo(value) {
  return value === true ? 'Yes' : value === false ? 'No' : null;
}

function unitCost(cost) {
  if (cost.unit_cost_min == null && cost.unit_cost_max == null) return null;
  const money = (value) => `£${Number(value).toLocaleString('en-GB')}`;
  if (cost.unit_cost_min != null && cost.unit_cost_max != null && cost.unit_cost_min !== cost.unit_cost_max) {
    return `${money(cost.unit_cost_min)} to ${money(cost.unit_cost_max)}`;
  }
  return money(cost.unit_cost_min ?? cost.unit_cost_max);
}

function renderPractice(practice) {
  const { evidence, cost } = practice;
  const implementation = practice.implementation ?? {};
  const adopters = practice.adopters ?? [];
  const moreSources = practice.more_sources ?? [];
  return [
    el('p', { class: 'description', text: practice.description }),
    el('h4', { text: 'Evidence' }),
    facts([
      ['Level (Nesta, 1-5)', evidence.level ? `${evidence.level} of 5` : 'Not rated'],
      ['Why this level', evidence.level_reason],
      ["The source's own rating", evidence.source_rating],
      ['Rating scale', evidence.rating_scale ? ratingScales[evidence.rating_scale] ?? humanise(evidence.rating_scale) : null],
      ['Grade on that scale', evidence.rating_grade],
      ['Effect', effectWords[evidence.effect_direction] ?? humanise(evidence.effect_direction)],
      ['Months of progress', evidence.months_progress],
      ['Studies', evidence.n_studies],
      ['Evidence from the UK', yesNo(evidence.uk_evidence)],
      ['Reviewed', evidence.reviewed_on],
      ['Notes', evidence.notes],
    ]),
    el('h4', { text: 'Cost' }),
    facts([
      ['Band (1-5)', cost.band ? `${cost.band} of 5 (${costWords[cost.band]})` : null],
      ['Unit cost', unitCost(cost)],
      ['Basis', cost.basis],
    ]),
    el('h4', { text: 'Putting it in place' }),
    facts([
      ['Who delivers it', implementation.workforce],
      ['Months to set up', implementation.setup_months],
      ['Settings', implementation.settings],
    ]),
    practice.mechanism ? el('h4', { text: 'How it works' }) : null,
    practice.mechanism ? el('p', { text: practice.mechanism }) : null,
    practice.moderators ? el('p', {}, el('strong', { text: 'What changes the effect: ' }), practice.moderators) : null,
    el('h4', { text: 'Councils that adopted it' }),
    adopters.length
      ? el('ul', { class: 'adopters' }, ...adopters.map((a) => el('li', { text: adopterText({ name: a.council_name, status: a.status, year: a.year }) })))
      : el('p', { class: 'hint', text: 'None recorded yet.' }),
    el('p', { class: 'links' },
      el('a', { class: 'source-link', href: practice.source_url, rel: 'noopener noreferrer', target: '_blank' }, `Read the source: ${sourceName(practice)}`),
      ' · ',
      el('a', { href: `/api/v1/practices/${encodeURIComponent(practice.id)}` }, 'This practice as JSON')),
    practice.source_url_kind === 'general'
      ? el('p', { class: 'hint', text: 'No page about this practice was found on that site, so the link goes to the organisation.' })
      : null,
    moreSources.length ? el('h4', { text: 'Further sources' }) : null,
    moreSources.length
      ? el('ul', { class: 'more-sources' }, ...moreSources.map((m) => el('li', {},
        el('a', { href: m.url, rel: 'noopener noreferrer', target: '_blank' }, m.source),
        m.supports ? `: ${m.supports}` : '')))
      : null,
  ].filter(Boolean);
}

// --- council picker (WAI-ARIA combobox with a list box) ----------------------------------------

const picker = { available: true, timer: 0, controller: null, options: [], active: -1, picked: null };

/** The search answers { councils: [...] }; a bare array is accepted too, so either shape works. */
function councilsFrom(payload) {
  if (Array.isArray(payload)) return payload;
  return payload?.councils ?? payload?.results ?? [];
}

function looksLikeCouncilCode(text) {
  return /^[A-Za-z]{3,4}$/.test(text) || /^[A-Za-z]\d{8}$/.test(text);
}

/**
 * The code to send: the picked council's, a code typed directly, a name that search knows exactly
 * (asked now if the suggestions have not arrived: people type a name and press Enter at once), or
 * else the text as typed, and the API's answer suggests codes.
 */
async function councilForRequest() {
  const text = ui.council.value.trim();
  if (!text) return null;
  if (picker.picked && text === picker.picked.label) return picker.picked.code;
  const inLabel = text.match(/\(([A-Za-z]{3,4}|[A-Za-z]\d{8})\)$/);
  if (inLabel) return inLabel[1];
  if (looksLikeCouncilCode(text)) return text;

  const sameName = (council) => council.name?.toLowerCase() === text.toLowerCase();
  let byName = picker.options.find(sameName);
  if (!byName && picker.available) {
    const found = await fetchCouncils(text).catch(() => null);
    byName = found?.councils.find(sameName);
  }
  return byName?.code ?? text;
}

function onCouncilInput() {
  picker.picked = null;
  clearTimeout(picker.timer);
  const text = ui.council.value.trim();
  if (!picker.available || text.length < 2) {
    closeCouncilOptions();
    return;
  }
  // Wait for a pause in typing so each keystroke does not cost a request.
  picker.timer = setTimeout(() => searchCouncils(text), councilSearchDelayMs);
}

/** Up to 8 councils for the text, best first; status 404 means search is not deployed, 503 that it is down. */
async function fetchCouncils(text, signal) {
  const response = await fetch(`/api/v1/councils?query=${encodeURIComponent(text)}&limit=8`,
    { signal, headers: { Accept: 'application/json' } });
  const councils = response.ok ? councilsFrom(await response.json().catch(() => null)) : [];
  return { status: response.status, ok: response.ok, councils };
}

async function searchCouncils(text) {
  picker.controller?.abort();
  picker.controller = new AbortController();
  try {
    const found = await fetchCouncils(text, picker.controller.signal);
    if (found.status === 404 || found.status === 503) {
      councilSearchUnavailable(found.status === 404);
      return;
    }
    if (!found.ok) {
      closeCouncilOptions();
      return;
    }
    showCouncilOptions(found.councils, text);
  } catch (error) {
    if (error.name !== 'AbortError') councilSearchUnavailable(false);
  }
}

/** Without search (not deployed: 404, or down: 503) the field still takes a code typed directly. */
function councilSearchUnavailable(permanently) {
  if (permanently) picker.available = false;
  closeCouncilOptions();
  ui.councilHint.textContent = "Council search is not available right now: type your council's code instead, "
    + 'e.g. CON for Cornwall, or its GSS code such as E06000052.';
  ui.councilHint.classList.add('notice');
}

function showCouncilOptions(councils, text) {
  picker.options = councils;
  picker.active = -1;
  ui.council.removeAttribute('aria-activedescendant');
  if (!councils.length) {
    closeCouncilOptions();
    ui.councilAnnounce.textContent = `No council matches '${text}'. You can type its code instead.`;
    return;
  }
  ui.councilOptions.replaceChildren(...councils.map((council, index) => {
    const where = [council.governance_type && humanise(council.governance_type), council.region ?? council.nation].filter(Boolean).join(', ');
    const option = el('li', { role: 'option', id: `council-option-${index}`, 'aria-selected': 'false', 'data-code': council.code },
      el('span', { class: 'option-name', text: council.name }), ` (${council.code})`,
      where ? el('span', { class: 'option-where', text: ` ${where}` }) : null);
    option.addEventListener('click', () => pickCouncil(index));
    return option;
  }));
  ui.councilOptions.hidden = false;
  ui.council.setAttribute('aria-expanded', 'true');
  ui.councilAnnounce.textContent = `${councils.length} council${councils.length === 1 ? '' : 's'} found. Use the up and down arrows to choose, Enter to pick.`;
}

/** A search still waiting or in flight would open the list over the answer after it arrives. */
function cancelCouncilSearch() {
  clearTimeout(picker.timer);
  picker.controller?.abort();
  closeCouncilOptions();
}

function closeCouncilOptions() {
  ui.councilOptions.hidden = true;
  ui.council.setAttribute('aria-expanded', 'false');
  ui.council.removeAttribute('aria-activedescendant');
  picker.active = -1;
}

function moveActiveCouncil(step) {
  const count = picker.options.length;
  if (!count) return;
  if (ui.councilOptions.hidden) {
    ui.councilOptions.hidden = false;
    ui.council.setAttribute('aria-expanded', 'true');
  }
  picker.active = (picker.active + step + count) % count;
  [...ui.councilOptions.children].forEach((option, index) => option.setAttribute('aria-selected', String(index === picker.active)));
  const active = ui.councilOptions.children[picker.active];
  ui.council.setAttribute('aria-activedescendant', active.id);
  active.scrollIntoView({ block: 'nearest' });
}

function pickCouncil(index) {
  const council = picker.options[index];
  if (!council) return;
  picker.picked = { code: council.code, label: `${council.name} (${council.code})` };
  ui.council.value = picker.picked.label;
  closeCouncilOptions();
  ui.councilAnnounce.textContent = `${council.name} chosen.`;
  ui.council.focus();
}

function onCouncilKeyDown(event) {
  const open = !ui.councilOptions.hidden;
  switch (event.key) {
    case 'ArrowDown':
      event.preventDefault();
      moveActiveCouncil(1);
      break;
    case 'ArrowUp':
      event.preventDefault();
      moveActiveCouncil(-1);
      break;
    case 'Enter':
      // Enter picks the highlighted council instead of submitting the form.
      if (open && picker.active >= 0) {
        event.preventDefault();
        pickCouncil(picker.active);
      }
      break;
    case 'Escape':
      if (open) {
        event.preventDefault();
        closeCouncilOptions();
      }
      break;
    default:
      break;
  }
}

// --- wiring ------------------------------------------------------------------------------------

function start() {
  renderPriorityBoxes();
  ui.form.addEventListener('submit', submitForm);
  ui.more.addEventListener('click', loadMore);
  ui.council.addEventListener('input', onCouncilInput);
  ui.council.addEventListener('keydown', onCouncilKeyDown);
  ui.council.addEventListener('blur', closeCouncilOptions);
  // Keeps focus in the field while an option is clicked, so blur does not close the list first.
  ui.councilOptions.addEventListener('mousedown', (event) => event.preventDefault());
  // Error summary links move focus to the field itself, not just scroll to it.
  ui.errorList.addEventListener('click', (event) => {
    const link = event.target.closest('a[href^="#"]');
    if (!link) return;
    event.preventDefault();
    document.getElementById(link.getAttribute('href').slice(1))?.focus();
  });
  // A shared or reloaded link asks its question again; so does moving through the history.
  if (readFormFromUrl(ui.form)) ui.form.requestSubmit();
  window.addEventListener('popstate', () => {
    if (readFormFromUrl(ui.form)) ui.form.requestSubmit();
  });
}

start();
