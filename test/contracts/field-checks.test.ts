import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { contracts, type Contract } from '../../pipelines/contracts/contracts.js';
import { fieldSchema, fields, optional, type FieldSpec } from '../../pipelines/contracts/fields.js';
import { instantMicros } from '../../pipelines/contracts/instants.js';
import { stagedValue } from '../../pipelines/ingest/stage.js';
import { reasonSql } from '../../pipelines/ingest/validate.js';
import { TestWarehouse } from '../helpers/warehouse.js';

let db: TestWarehouse;
beforeAll(async () => (db = await TestWarehouse.open()));
afterAll(() => db.close());

/** The reason DuckDB gives for one value of one field, through the real staging SQL. */
async function sqlVerdict(spec: FieldSpec, value: string | null): Promise<string | null> {
  const contract: Contract = {
    name: 'probe',
    kind: 'event',
    key: ['v'],
    formats: ['csv'],
    columns: { v: spec },
  };
  const literal = value === null ? 'null' : `'${value.replaceAll("'", "''")}'`;
  const staged = stagedValue(`${literal}::varchar`);
  const sql = `select ${reasonSql(contract)} from (select null::varchar as _structural, ${staged} as v)`;
  return (await db.value(sql)) as string | null;
}

function zodVerdict(spec: FieldSpec, value: string | null): string | null {
  const result = fieldSchema(spec).safeParse(value);
  return result.success ? null : `\`v\`: ${result.error.issues[0]!.message}`;
}

const specs: [string, FieldSpec][] = [
  ['id', fields.id()],
  ['ts', fields.ts()],
  ['date', fields.date()],
  ['money', fields.money({ positive: true })],
  ['money6', fields.money6()],
  ['int', fields.int()],
  ['enum', fields.enum(['a', 'b'])],
  ['cycle', contracts.violations.columns.cycle_id],
  ['optional ts', optional(fields.ts())],
];

const interesting = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.stringMatching(/^\s?\d{1,3}(\.\d{0,8})?\s?$/),
  fc.stringMatching(
    /^\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-6]\d:[0-6]\d(\.\d{1,7})?(Z|[+-][0-2]\d:[0-6]\d)?$/,
  ),
  fc.stringMatching(/^20\d\d-[01]\d-[AB]$/),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '0.00',
    '1e3',
    '-1',
    'a',
    'b',
    'A',
    ' a ',
    '2024-02-29',
    '2025-02-29',
  ),
);

test.each(specs)(
  'zod and DuckDB give the same verdict and reason for every %s value',
  async (_name, spec) => {
    await fc.assert(
      fc.asyncProperty(fc.option(interesting, { nil: null }), async (value) => {
        expect(await sqlVerdict(spec, value)).toBe(zodVerdict(spec, value));
      }),
      { numRuns: 150 },
    );
  },
);

test('R1: the same instant written with different offsets reads the same, to the microsecond', () => {
  expect(instantMicros('2025-04-10T23:30:00+08:00')).toBe(instantMicros('2025-04-10T15:30:00Z'));
  expect(instantMicros('2025-04-10T15:30:00.000001Z') - instantMicros('2025-04-10T15:30:00Z')).toBe(
    1n,
  );
  expect(instantMicros('2025-04-10T10:30:00-05:00')).toBe(instantMicros('2025-04-10T15:30:00Z'));
});
