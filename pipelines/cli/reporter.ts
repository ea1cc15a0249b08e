import type { EventSink, LoadStep, PipelineEvent } from '../util/events.js';

export type LogFormat = 'text' | 'json';

/**
 * Prints pipeline events: JSON lines when asked, otherwise readable lines on stderr,
 * with a live progress line when stderr is a terminal.
 */
export function createReporter(
  format: LogFormat,
  stream: NodeJS.WriteStream = process.stderr,
): EventSink {
  if (format === 'json') {
    return (event) =>
      stream.write(`${JSON.stringify({ at: new Date().toISOString(), ...event })}\n`);
  }
  const live = stream.isTTY === true;
  let progressShown = false;
  const clearProgress = () => {
    if (progressShown) stream.write('\r\x1b[K');
    progressShown = false;
  };
  return (event) => {
    if (event.type === 'file.progress') {
      if (!live) return;
      const rows = event.rows === undefined ? '' : ` ${event.rows.toLocaleString('en')} rows`;
      stream.write(`\r\x1b[K${event.file} ${bar(event.step)} ${event.step}${rows}`);
      progressShown = true;
      return;
    }
    clearProgress();
    const line = textLine(event);
    if (line) stream.write(`${line}\n`);
  };
}

const STEPS: LoadStep[] = ['reading', 'checking', 'merging'];

/** A bar by step: loading has three steps of unknown length, so the bar counts steps. */
function bar(step: LoadStep): string {
  const filled = ((STEPS.indexOf(step) + 1) * 20) / STEPS.length;
  return `[${'#'.repeat(filled)}${'.'.repeat(20 - filled)}]`;
}

function textLine(event: PipelineEvent): string | null {
  switch (event.type) {
    case 'file.started':
      return null;
    case 'file.skipped':
      return `${event.file}: skipped, ${event.reason}`;
    case 'file.loaded': {
      const r = event.result;
      const ignored =
        r.ignoredColumns.length > 0 ? `; ignored columns ${r.ignoredColumns.join(', ')}` : '';
      return (
        `${event.file}: ${r.rowsRead} read, ${r.rowsLoaded} loaded, ${r.rowsSkipped} skipped, ` +
        `${r.rowsRejected} rejected (${seconds(event.durationMs)})${ignored}`
      );
    }
    case 'file.failed':
      return `error: ${event.error}`;
    case 'model.built':
      return `built ${event.model}: ${event.rows} rows (${seconds(event.durationMs)})`;
    case 'info':
      return event.message;
    default:
      return null;
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
