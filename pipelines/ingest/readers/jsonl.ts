import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { RowSource, SourceRow } from './row-source.js';

/**
 * Streams a JSON Lines file as rows over the given columns. Each line must be one
 * object whose values are strings or null (CONTRACTS.md); keys outside `columns` are
 * collected in `extraKeys` as they are met. Blank lines are skipped.
 */
export function readJsonl(
  path: string,
  columns: readonly string[],
): RowSource & { extraKeys: Set<string> } {
  const extraKeys = new Set<string>();
  async function* data(): AsyncIterable<SourceRow> {
    const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
    let line = 0;
    for await (const text of lines) {
      line++;
      const raw = line === 1 ? text.replace(/^\uFEFF/, '') : text;
      if (raw.trim() === '') continue;
      yield parseLine(raw, line, columns, extraKeys);
    }
  }
  return { header: [...columns], rows: data(), extraKeys };
}

function parseLine(
  raw: string,
  line: number,
  columns: readonly string[],
  extra: Set<string>,
): SourceRow {
  const empty = columns.map(() => null);
  let object: unknown;
  try {
    object = JSON.parse(raw);
  } catch {
    return { line, values: empty, raw, structural: 'the line is not valid JSON' };
  }
  if (typeof object !== 'object' || object === null || Array.isArray(object)) {
    return { line, values: empty, raw, structural: 'the line is not one JSON object' };
  }
  const record = object as Record<string, unknown>;
  for (const key of Object.keys(record)) if (!columns.includes(key)) extra.add(key);
  const wrong = columns.find(
    (key) => record[key] !== undefined && record[key] !== null && typeof record[key] !== 'string',
  );
  if (wrong) {
    return {
      line,
      values: empty,
      raw,
      structural: `\`${wrong}\`: values must be JSON strings or null`,
    };
  }
  return {
    line,
    values: columns.map((key) => (record[key] as string | null | undefined) ?? null),
    raw,
  };
}
