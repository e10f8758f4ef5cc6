/** Downloads made in the browser: a text or a data URL saved under a file name. */

/**
 * "Threat index — Uzbekistan" → "threat-index-uzbekistan".
 * @param {string} text
 */
export function slug(text) {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80) || 'oxus'
  );
}

/**
 * @param {string} href
 * @param {string} name
 */
export function downloadDataUrl(href, name) {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}

/**
 * @param {string} text
 * @param {string} type
 * @param {string} name
 */
export function downloadBlob(text, type, name) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  downloadDataUrl(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
