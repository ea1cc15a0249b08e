import type { PlainValue } from '../db/values.js';
import { csvField } from '../ingest/readers/row-source.js';

/** Query results as an aligned text table, CSV, or JSON Lines (exact decimal strings). */
export function render(
  format: 'table' | 'csv' | 'json',
  names: string[],
  rows: PlainValue[][],
): string {
  if (format === 'json') {
    return (
      rows
        .map((row) => JSON.stringify(Object.fromEntries(names.map((n, i) => [n, row[i]]))))
        .join('\n') + (rows.length ? '\n' : '')
    );
  }
  const text = rows.map((row) => row.map(cellText));
  if (format === 'csv') {
    return [names, ...text].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
  }
  return table(names, text);
}

function cellText(value: PlainValue): string {
  if (value === null) return '';
  if (Array.isArray(value)) return `[${value.map(cellText).join(', ')}]`;
  return String(value);
}

function table(names: string[], rows: string[][]): string {
  const clip = (text: string) =>
    (text.length > 80 ? `${text.slice(0, 79)}…` : text).replace(/\s/g, ' ');
  const cells = [names, ...rows].map((row) => row.map(clip));
  const widths = names.map((_, i) => Math.max(...cells.map((row) => [...row[i]!].length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join(' | ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('-+-');
  const count = `(${rows.length} ${rows.length === 1 ? 'row' : 'rows'})`;
  return [line(cells[0]!), rule, ...cells.slice(1).map(line), count].join('\n') + '\n';
}
