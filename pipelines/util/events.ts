/**
 * What library code reports; the command line decides how to print it. Durations are
 * milliseconds.
 */
export type PipelineEvent =
  | { type: 'file.started'; file: string; contract: string }
  | { type: 'file.progress'; file: string; step: LoadStep; rows?: number }
  | { type: 'file.skipped'; file: string; reason: string }
  | { type: 'file.loaded'; file: string; result: FileCounts; durationMs: number }
  | { type: 'file.failed'; file: string; error: string }
  | { type: 'model.built'; model: string; rows: number; durationMs: number }
  | { type: 'info'; message: string };

/** The steps of loading one file, in order. */
export type LoadStep = 'reading' | 'checking' | 'merging';

export interface FileCounts {
  loadId: number;
  contract: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsSkipped: number;
  rowsRejected: number;
  ignoredColumns: string[];
}

export type EventSink = (event: PipelineEvent) => void;

export const silent: EventSink = () => {};
