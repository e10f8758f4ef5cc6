/**
 * The results' relation to the inputs: once an input changes (or a run fails) the results shown are
 * greyed and say so, until a run brings them up to date; after a run, focus moves to the results heading
 * (which on a phone, below the controls, also scrolls it into view).
 */

/**
 * @typedef {{section: HTMLElement, note: HTMLElement, title: HTMLElement}} ResultsDom
 */

/** Why the results may no longer match: the inputs changed, or the last run failed. */
export const STALE = {
  inputs: 'Inputs changed: run again. The results below are for the earlier inputs.',
  failed: 'The last run did not finish: the results below are for the earlier inputs. Run again.',
};

/**
 * Greys the results (if any are shown) and says why.
 * @param {ResultsDom} dom
 * @param {string} why
 */
export function markStale(dom, why) {
  if (!dom.section.classList.contains('has-results')) return;
  dom.section.classList.add('stale');
  dom.note.textContent = why;
  dom.note.hidden = false;
}

/**
 * The results now match the inputs.
 * @param {ResultsDom} dom
 */
export function markCurrent(dom) {
  dom.section.classList.add('has-results');
  dom.section.classList.remove('stale');
  dom.note.hidden = true;
  dom.note.textContent = '';
}

/**
 * Moves focus to the results heading; on a narrow screen the results lie below the controls, so the
 * heading is scrolled to the top.
 * @param {ResultsDom} dom
 */
export function focusResults(dom) {
  dom.title.focus({ preventScroll: true });
  const narrow = window.matchMedia('(max-width: 900px)').matches;
  dom.title.scrollIntoView({ block: narrow ? 'start' : 'nearest' });
}
