/**
 * The navigation between the UI's pages, the same on every page. A new page adds one entry to `PAGES`
 * and a `<nav id="site-nav">` in its header; `showNav` marks the page it is on.
 */
import { el } from './format.js';

/**
 * @typedef {{href: string, label: string, title: string}} PageLink
 */

/** The UI's pages, in the order they read best. @type {PageLink[]} */
export const PAGES = [
  {
    href: '/',
    label: 'Scenario explorer',
    title: 'Change the drivers of a scenario, run it and compare',
  },
  {
    href: '/forecasts.html',
    label: 'Forecasts against experts',
    title: 'What experts said, what the model and reference forecasters said, and what happened',
  },
  {
    href: '/teaching.html',
    label: 'Teaching',
    title: 'The model as a map, and structured analytic techniques computed from its runs',
  },
  {
    href: '/lessons/',
    label: 'Lessons',
    title: 'Three guided lessons for instructors, each printable as a handout',
  },
];

/**
 * Fills the page's `#site-nav` with a link per page; the current page's link says so.
 * @param {string} [pathname] the page's path (location.pathname)
 */
export function showNav(pathname = location.pathname) {
  const nav = document.getElementById('site-nav');
  if (!nav) return;
  const here = pathname === '/index.html' ? '/' : pathname.replace(/^\/lessons\/.*/, '/lessons/');
  nav.replaceChildren(
    el(
      'ul',
      {},
      PAGES.map((p) =>
        el('li', {}, [
          el('a', {
            href: p.href,
            title: p.title,
            text: p.label,
            ...(p.href === here ? { 'aria-current': 'page' } : {}),
          }),
        ]),
      ),
    ),
  );
}
