import type { EventSink } from '../util/events.js';

export interface CommandContext {
  report: EventSink;
  stdout: NodeJS.WritableStream;
}

/** One subcommand of `xinghuo`: its help text and what it does. Returns the exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], context: CommandContext): Promise<number>;
}
