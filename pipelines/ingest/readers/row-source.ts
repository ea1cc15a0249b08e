/** One record of a spreadsheet or JSON Lines file, as text, before any check. */
export interface SourceRow {
  /** Spreadsheet row number or JSON Lines line number (the header is line 1). */
  line: number;
  /** Values by header position; null where the cell is empty. */
  values: (string | null)[];
  /** The record as the user would recognise it, kept with a rejection. */
  raw: string;
  /** Set when the record cannot even be split into values. */
  structural?: string;
}

export interface RowSource {
  header: string[];
  rows: AsyncIterable<SourceRow>;
}

/** Encodes values as one CSV record, quoting only where needed. */
export function csvRecord(values: readonly (string | null)[]): string {
  return values.map((value) => csvField(value ?? '')).join(',');
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
