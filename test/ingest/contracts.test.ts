import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  contractNames,
  contracts,
  type ContractName,
} from '../../pipelines/contracts/contracts.js';
import type { FieldSpec } from '../../pipelines/contracts/fields.js';
import { goodRows, table } from '../helpers/samples.js';
import { TestWarehouse, writeCsv } from '../helpers/warehouse.js';

/** Each kind of breach CONTRACTS.md names, as (bad text, words of the expected reason). */
function breaches(spec: FieldSpec): [string, string, string][] {
  const found: [string, string, string][] = [];
  if (spec.required) found.push(['missing required value', '', 'is missing']);
  if (spec.kind === 'id') found.push(['malformed id', 'a/b c', 'is not an id']);
  if (spec.kind === 'ts') {
    found.push(['timestamp without offset', '2025-04-10T23:30:00', 'has no offset']);
    found.push(['impossible date', '2025-02-30T10:00:00+08:00', 'is not a real calendar date']);
    found.push(['hour 24', '2025-04-10T24:00:00+08:00', 'is not a real time of day']);
  }
  if (spec.kind === 'money')
    found.push(['money with 3 decimals', '10.123', 'has more than 2 decimals']);
  if (spec.kind === 'money6')
    found.push(['money with 7 decimals', '0.1234567', 'has more than 6 decimals']);
  if (spec.kind === 'money' || spec.kind === 'money6') {
    found.push(['negative money', '-1.00', 'is not an amount']);
    found.push(['money with grouping', '1,000.00', 'is not an amount']);
  }
  if (spec.kind === 'enum') found.push(['unknown enum', 'Unknown', 'is not one of']);
  if (spec.kind === 'int') found.push(['fractional int', '1.5', 'is not a whole number']);
  return found;
}

let db: TestWarehouse;
beforeAll(async () => (db = await TestWarehouse.open()));
afterAll(() => db.close());

describe.each(contractNames)('contract %s', (name: ContractName) => {
  const contract = contracts[name];
  const good = goodRows[name];
  const firstKey = contract.key[0]!;

  test('a good file loads every row', async () => {
    const second = { ...good, [firstKey]: `${good[firstKey]}b` };
    const path = writeCsv(db.dir, `${name}-good.csv`, table(name, [good, second]));
    const [outcome] = await db.ingest(path);
    expect(outcome).toMatchObject({
      status: 'loaded',
      counts: { rowsRead: 2, rowsLoaded: 2, rowsRejected: 0 },
    });
    expect(
      await db.value(`select count(*) from landing.${name} where _load_id = ${loadId(outcome)}`),
    ).toBe(2);
  });

  test('each kind of breach is rejected with file, line, raw text and reason; good rows still load', async () => {
    const cases = Object.entries(contract.columns).flatMap(([column, spec]) =>
      breaches(spec).map(([what, text, words]) => ({ column, what, text, words })),
    );
    const rows = cases.map((breach, index) => ({
      ...good,
      [firstKey]: `${good[firstKey]}x${index}`,
      [breach.column]: breach.text,
    }));
    const path = writeCsv(
      db.dir,
      `${name}-bad.csv`,
      table(name, [{ ...good, [firstKey]: 'goodrow' }, ...rows]),
    );
    const [outcome] = await db.ingest(path);
    expect(outcome).toMatchObject({
      status: 'loaded',
      counts: { rowsLoaded: 1, rowsRejected: cases.length },
    });

    const rejected = await db.rows(
      `select line, reason, raw, file_name from rejected_rows where load_id = ${loadId(outcome)} order by line`,
    );
    expect(rejected).toHaveLength(cases.length);
    cases.forEach((breach, index) => {
      const row = rejected[index]!;
      expect(row.line, breach.what).toBe(index + 3);
      expect(row.file_name).toBe(`${name}-bad.csv`);
      expect(row.reason, breach.what).toContain(`\`${breach.column}\`: ${breach.words}`);
      if (breach.text !== '')
        expect(row.raw).toContain(breach.text.includes(',') ? `"${breach.text}"` : breach.text);
    });
  });
});

function loadId(outcome: unknown): number {
  return (outcome as { counts: { loadId: number } }).counts.loadId;
}
