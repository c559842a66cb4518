/** Aligned text tables and the ratio line every benchmark ends with. */

export type Cell = string | number;

/** Formats a number for a table: integers with thousands separators, others to 2–3 significant digits. */
export function fmt(value: Cell, digits = 2): string {
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '–';
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(Math.abs(value) >= 10 ? 1 : digits);
}

/** Renders rows under headers; numbers are right-aligned. */
export function renderTable(headers: string[], rows: Cell[][]): string {
  const text = rows.map((row) => row.map((c) => fmt(c)));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[], raw?: Cell[]) =>
    cells
      .map((c, i) => (typeof raw?.[i] === 'number' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...text.map((r, i) => line(r, rows[i]))].join(
    '\n',
  );
}

export function printTable(title: string, headers: string[], rows: Cell[][]): void {
  console.log(`\n${title}\n${renderTable(headers, rows)}`);
}

/** `a/b` to two decimals with an ×, or '–' when undefined. */
export function ratio(a: number, b: number): string {
  return b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : '–';
}

/** The final line: `RATIOS name=1.23× other=0.45×`, one line so it can be grepped and compared run to run. */
export function printRatios(entries: Array<[string, string]>): void {
  console.log(`\nRATIOS ${entries.map(([k, v]) => `${k}=${v}`).join(' ')}`);
}

export const mb = (bytes: number) => bytes / (1024 * 1024);
export const kb = (bytes: number) => bytes / 1024;
