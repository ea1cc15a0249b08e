import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createKysely } from '../../pipelines/db/kysely-dialect.js';
import { TestWarehouse } from '../helpers/warehouse.js';

interface Money {
  id: number;
  amount: string;
  day: string;
  at: string;
}

let db: TestWarehouse;
beforeAll(async () => {
  db = await TestWarehouse.open();
  await db.connection.run(
    'create table money (id integer, amount decimal(18, 2), day date, "at" timestamptz)',
  );
});
afterAll(() => db.close());

const kysely = () => createKysely<{ money: Money }>(db.connection);

test('decimals come back as exact strings, dates as YYYY-MM-DD, instants in +08:00', async () => {
  await kysely()
    .insertInto('money')
    .values({ id: 1, amount: '0.35', day: '2025-04-10', at: '2025-04-10T15:30:00Z' })
    .execute();
  const row = await kysely().selectFrom('money').selectAll().executeTakeFirstOrThrow();
  expect(row).toEqual({
    id: 1,
    amount: '0.35',
    day: '2025-04-10',
    at: '2025-04-10T23:30:00+08:00',
  });
});

test('counts are numbers and sums of decimals stay exact', async () => {
  await kysely()
    .insertInto('money')
    .values({ id: 2, amount: '0.10', day: '2025-04-11', at: '2025-04-11T00:00:00Z' })
    .execute();
  const row = await kysely()
    .selectFrom('money')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum('amount').as('total')])
    .executeTakeFirstOrThrow();
  expect(row).toEqual({ n: 2, total: '0.45' });
});

test('a fractional JavaScript number is refused as a parameter: money travels as text', async () => {
  await expect(
    kysely()
      .selectFrom('money')
      .selectAll()
      .where('amount', '=', 0.35 as unknown as string)
      .execute(),
  ).rejects.toThrow(/pass fractional values \(money\) as strings/);
});

test('a failed transaction rolls back', async () => {
  await expect(
    kysely()
      .transaction()
      .execute(async (trx) => {
        await trx.deleteFrom('money').execute();
        await sql`select * from no_such_table`.execute(trx);
      }),
  ).rejects.toThrow(/no_such_table/);
  expect(await db.value('select count(*) from money')).toBe(2);
});
