/**
 * One CSV field, quoted when it holds a quote, comma or newline (RFC 4180). Imports nothing: the web UI
 * loads this module as it is, so its CSV downloads quote exactly as the CLI's do.
 */
export function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
