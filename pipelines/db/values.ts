import {
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBListValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  type DuckDBValue,
} from '@duckdb/node-api';

/**
 * A DuckDB value as plain, exact JavaScript: decimals become strings (never numbers),
 * dates `YYYY-MM-DD`, instants ISO 8601 in China Standard Time (R1), lists arrays,
 * integers numbers when safe. Does not handle maps, unions or blobs (returned as text).
 */
export type PlainValue = string | number | boolean | null | PlainValue[];

const CST_OFFSET_US = 8n * 3600n * 1_000_000n;

export function toPlain(value: DuckDBValue): PlainValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return bigintToPlain(value);
  if (value instanceof DuckDBDecimalValue) return value.toString();
  if (value instanceof DuckDBDateValue) return value.toString();
  if (value instanceof DuckDBTimestampTZValue) return cstIso(value.micros);
  if (value instanceof DuckDBTimestampValue) return value.toString();
  if (value instanceof DuckDBListValue) return value.items.map(toPlain);
  return String(value);
}

function bigintToPlain(value: bigint): number | string {
  const asNumber = Number(value);
  return Number.isSafeInteger(asNumber) ? asNumber : value.toString();
}

/** Formats epoch microseconds as `YYYY-MM-DDTHH:MM:SS[.ffffff]+08:00`. */
export function cstIso(micros: bigint): string {
  const local = micros + CST_OFFSET_US;
  const ms = local / 1000n;
  const fraction = local % 1_000_000n;
  const base = new Date(Number(ms)).toISOString().slice(0, 19);
  const frac = fraction === 0n ? '' : '.' + fraction.toString().padStart(6, '0').replace(/0+$/, '');
  return `${base}${frac}+08:00`;
}
