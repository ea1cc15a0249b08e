import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { silent, type EventSink } from '../util/events.js';
import { loadFile, type FileOutcome } from './load-file.js';

/**
 * Expands paths in the order given: a folder contributes its files (not subfolders) in
 * byte-wise order of their names. Hidden files are left out.
 */
export function expandPaths(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    if (!isDirectory(path)) return [path];
    const names = readdirSync(path).filter((name) => !name.startsWith('.'));
    names.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    return names.map((name) => join(path, name)).filter((file) => !isDirectory(file));
  });
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Loads every file of `paths`; one file failing never stops the others. */
export async function ingest(
  connection: DuckDBConnection,
  paths: readonly string[],
  onEvent: EventSink = silent,
): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  for (const path of expandPaths(paths)) outcomes.push(await loadFile(connection, path, onEvent));
  return outcomes;
}
