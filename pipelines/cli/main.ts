import { UserError } from '../util/errors.js';
import { oneOf } from './args.js';
import type { Command } from './command.js';
import { buildCommand } from './commands/build.js';
import { explainCommand } from './commands/explain.js';
import { incomeCommand } from './commands/income.js';
import { ingestCommand } from './commands/ingest.js';
import { payoutCommand } from './commands/payout.js';
import { pendingCommand } from './commands/pending.js';
import { publishCommand } from './commands/publish.js';
import { queryCommand } from './commands/query.js';
import { reconcileCommand } from './commands/reconcile.js';
import { createReporter } from './reporter.js';

const commands: Command[] = [
  ingestCommand,
  buildCommand,
  payoutCommand,
  incomeCommand,
  pendingCommand('serve', 'accept lead callbacks over HTTP', 'xinghuo serve [--port N]'),
  reconcileCommand,
  explainCommand,
  publishCommand,
  queryCommand,
];

function overview(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    'usage: xinghuo <command> [options]',
    '',
    'commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'every command takes --db PATH (default $XINGHUO_DB or warehouse/xinghuo.duckdb),',
    '--log-format text|json and --help.',
  ].join('\n');
}

/** Runs the command line; returns the exit code. Errors a user can fix print one line. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${overview()}\n`);
    return name === undefined ? 1 : 0;
  }
  try {
    const command = commands.find((candidate) => candidate.name === name);
    if (!command) throw new UserError(`unknown command \`${name}\`; run \`xinghuo --help\``);
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(`${command.usage}\n`);
      return 0;
    }
    const logFormat = oneOf(
      'log-format',
      flagValue(rest, '--log-format'),
      ['text', 'json'],
      'text',
    );
    return await command.run(rest, { report: createReporter(logFormat), stdout: process.stdout });
  } catch (error) {
    if (error instanceof UserError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: internal failure: ${message.split('\n')[0]}\n`);
    if (process.env.XINGHUO_DEBUG) console.error(error);
    return 2;
  }
}

function flagValue(argv: string[], flag: string): string | undefined {
  const inline = argv.find((arg) => arg.startsWith(`${flag}=`));
  if (inline) return inline.slice(flag.length + 1);
  const index = argv.indexOf(flag);
  return index >= 0 ? argv[index + 1] : undefined;
}
