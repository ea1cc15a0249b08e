import { basename } from 'node:path';
import { contracts, isContractName, type Contract, type Format } from '../contracts/contracts.js';
import { UserError } from '../util/errors.js';

const EXTENSIONS: Record<string, Format> = { csv: 'csv', xlsx: 'xlsx', xls: 'xls', jsonl: 'jsonl' };

/**
 * The contract and format a file name stands for: the stem before the first `.` or `-`
 * names the contract, the extension the format (CONTRACTS.md). Names are case-sensitive.
 */
export function contractOf(path: string): { contract: Contract; format: Format } {
  const name = basename(path);
  const stem = name.split(/[.-]/, 1)[0] ?? '';
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
  const format = EXTENSIONS[extension];
  if (!isContractName(stem)) {
    throw new UserError(
      `\`${name}\`: no contract is named \`${stem}\`; name the file after one of ${Object.keys(contracts).join(', ')}`,
    );
  }
  const contract = contracts[stem];
  if (!format || !contract.formats.includes(format)) {
    throw new UserError(
      `\`${name}\`: \`${stem}\` comes as ${contract.formats.map((f) => `.${f}`).join(', ')}, not \`.${extension}\``,
    );
  }
  return { contract, format };
}
