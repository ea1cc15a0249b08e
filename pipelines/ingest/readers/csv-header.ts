import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

/** Reads the header record of a CSV file, without its BOM. Empty file: empty header. */
export async function readCsvHeader(path: string): Promise<string[]> {
  const parser = createReadStream(path).pipe(
    parse({ bom: true, to_line: 1, relax_column_count: true }),
  );
  for await (const record of parser) return record as string[];
  return [];
}
