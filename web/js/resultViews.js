/**
 * Tabs of the results beyond the outputs' own (a series, a threshold, who leads, the events, the
 * histogram, the comparison). A view that works on a shown result (an analysis, a teaching view) adds one
 * entry here and lives in a file of its own under views/; results.js draws its tab after the others.
 */

/**
 * @typedef {import('./results.js').Shown} Shown
 * @typedef {import('./views/context.js').ViewContext} ViewContext
 * @typedef {import('./share.js').ViewState} ViewState
 * @typedef {{a: Shown, b: Shown|null, A: ViewContext, B: ViewContext|null, state: ViewState,
 *   onState: (patch: Partial<ViewState>) => void}} ResultView what a tab is drawn from: the shown
 *   result (and the compared one), their view contexts, and the page state it may record choices in
 * @typedef {{id: string, label: string, when?: (v: ResultView) => boolean,
 *   render: (panel: HTMLElement, v: ResultView) => void}} ResultTab `when` says whether the tab applies
 *   (no `when`: always)
 */

/** @type {ResultTab[]} */
export const RESULT_TABS = [];
