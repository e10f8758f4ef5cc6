/**
 * Opens one driver in the drivers panel (from another view: a sensitivity bar, a trace): unfolds the
 * panel and the groups around its row, scrolls it into view, marks it and moves the focus to its control.
 */

/** How long the row stays marked, so the eye finds it after the scroll. */
const MARK_MS = 4000;

/**
 * @param {string} name a driver's name as the API gives it: `taliban_haven`, `IMU.recruit`
 * @returns {boolean} whether the driver is in the panel
 */
export function openDriver(name) {
  const row = [...document.querySelectorAll('#drivers [data-name]')].find(
    (r) => r instanceof HTMLElement && r.dataset.name === name,
  );
  if (!(row instanceof HTMLElement)) return false;
  for (let p = row.parentElement; p; p = p.parentElement) if (p instanceof HTMLDetailsElement) p.open = true;
  row.classList.add('spotlight');
  setTimeout(() => row.classList.remove('spotlight'), MARK_MS);
  row.scrollIntoView({ block: 'center' });
  const control = row.querySelector('input, select, button');
  if (control instanceof HTMLElement) control.focus({ preventScroll: true });
  return true;
}
