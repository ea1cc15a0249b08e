import { UserError } from '../../util/errors.js';
import type { Command } from '../command.js';

/** A command of CONTRACTS.md that this version does not have yet: it says so and exits 1. */
export function pendingCommand(name: string, summary: string, usage: string): Command {
  return {
    name,
    summary: `${summary} (not available yet)`,
    usage: `${usage}\n\nNot available in this version of the warehouse.`,
    async run() {
      throw new UserError(`${name}: not available in this version of the warehouse yet`);
    },
  };
}
