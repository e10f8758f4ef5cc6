/**
 * Accessible tabs (WAI-ARIA tabs pattern): arrow keys, Home and End move between tabs, and a panel is
 * drawn the first time it is shown (Chart.js needs a visible canvas to size itself).
 */
import { el } from './format.js';

/**
 * @typedef {{id: string, label: string, render: (panel: HTMLElement) => void}} TabSpec
 */

/**
 * Replaces the tabs in `tablist` and the panels in `panels`; returns a function that selects a tab by id.
 * @param {HTMLElement} tablist
 * @param {HTMLElement} panels
 * @param {TabSpec[]} specs
 * @param {(id: string) => void} onSelect
 * @returns {(id: string) => void}
 */
export function buildTabs(tablist, panels, specs, onSelect) {
  tablist.replaceChildren();
  panels.replaceChildren();
  /** @type {Set<string>} */
  const drawn = new Set();
  const tabs = specs.map((spec) => {
    const tab = el('button', {
      type: 'button',
      role: 'tab',
      id: `tab-${spec.id}`,
      'aria-controls': `panel-${spec.id}`,
      'aria-selected': 'false',
      tabindex: '-1',
      'data-tab': spec.id,
      text: spec.label,
    });
    const panel = el('div', {
      role: 'tabpanel',
      id: `panel-${spec.id}`,
      'aria-labelledby': `tab-${spec.id}`,
      tabindex: '0',
      hidden: true,
    });
    tablist.append(tab);
    panels.append(panel);
    return { spec, tab, panel };
  });

  /** @param {string} id */
  const select = (id) => {
    const target = tabs.find((t) => t.spec.id === id) ?? tabs[0];
    if (!target) return;
    for (const t of tabs) {
      const on = t === target;
      t.tab.setAttribute('aria-selected', String(on));
      t.tab.tabIndex = on ? 0 : -1;
      t.panel.hidden = !on;
    }
    if (!drawn.has(target.spec.id)) {
      drawn.add(target.spec.id);
      target.spec.render(target.panel);
    }
    onSelect(target.spec.id);
  };

  tabs.forEach(({ spec, tab }, i) => {
    tab.addEventListener('click', () => select(spec.id));
    tab.addEventListener('keydown', (e) => {
      const keys = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 };
      if (!(e.key in keys)) return;
      e.preventDefault();
      const next = tabs[(keys[/** @type {keyof typeof keys} */ (e.key)] + tabs.length) % tabs.length];
      if (!next) return;
      next.tab.focus();
      select(next.spec.id);
    });
  });
  return select;
}
