import { afterAll, beforeAll, expect, test } from 'vitest';
import { goodRows, table } from '../helpers/samples.js';
import { TestWarehouse, writeCsv } from '../helpers/warehouse.js';

let db: TestWarehouse;
beforeAll(async () => (db = await TestWarehouse.open()));
afterAll(() => db.close());

const task = goodRows.tasks;
const adShare = { ...task, task_type: 'ad_share', commission_rate_pct: '80', budget: '' };
const lead = {
  ...task,
  task_type: 'lead',
  commission_rate_pct: '',
  lead_price: '70',
  lead_event: 'submitted',
};
const topup = { topup_amount: '500', topup_trigger_pct: '50', topup_cap: '10000' };

/** Loads one task row; returns its rejection reason, or null when it loaded. */
async function verdict(row: Record<string, string>): Promise<string | null> {
  const name = `tasks-${Math.random().toString(36).slice(2)}.csv`;
  const [outcome] = await db.ingest(writeCsv(db.dir, name, table('tasks', [row])));
  const loadId = (outcome as { counts: { loadId: number } }).counts.loadId;
  return (await db.value(`select reason from rejected_rows where load_id = ${loadId}`)) as
    string | null;
}

test.each([
  ['R4: ad_share rate 70 is accepted', { ...adShare, commission_rate_pct: '70' }, null],
  [
    'R4: ad_share rate 69 is rejected',
    { ...adShare, commission_rate_pct: '69' },
    'ad_share rate must be 70–100',
  ],
  [
    'R4: revenue_share rate 0 is rejected',
    { ...task, commission_rate_pct: '0', budget: '' },
    'must be 1–100',
  ],
  [
    'R4: revenue_share rate 101 is rejected',
    { ...task, commission_rate_pct: '101' },
    'must be 1–100',
  ],
  ['R4: a share task needs a rate', { ...adShare, commission_rate_pct: '' }, 'needs a rate'],
  ['R4: a lead task needs a price', { ...lead, lead_price: '' }, 'needs a price per lead'],
  ['R4: a lead task needs its lead event', { ...lead, lead_event: '' }, 'needs its lead event'],
  ['R4: a lead task has no rate', { ...lead, commission_rate_pct: '30' }, 'paid per lead'],
  ['R4: a lead price of 0 is rejected', { ...lead, lead_price: '0.00' }, 'must be greater than 0'],
  [
    'R5: revenue_share at 28 is unfunded and carries no budget',
    { ...task, commission_rate_pct: '28' },
    'unfunded task carries no budget',
  ],
  [
    'R5: revenue_share at 28 without budget is accepted',
    { ...task, commission_rate_pct: '28', budget: '' },
    null,
  ],
  [
    'R5: revenue_share at 29 needs a budget',
    { ...task, commission_rate_pct: '29', budget: '' },
    'funded task needs a budget',
  ],
  ['R5: a lead task needs a budget', { ...lead, budget: '' }, 'funded task needs a budget'],
  ['R5: ad_share carries no top-up', { ...adShare, ...topup }, 'no top-up settings'],
  [
    'R8: a per-creator limit of 0 is rejected',
    { ...task, per_creator_limit: '0' },
    'must be at least 1',
  ],
  ['R8: a per-creator limit of 1 is accepted', { ...task, per_creator_limit: '1' }, null],
  [
    'R9: a tags task names a tag',
    { ...task, targeting: 'tags', target_tags: ' ; ' },
    'must name at least one tag',
  ],
  [
    'R9: follower bounds min ≤ max',
    { ...task, min_followers: '10', max_followers: '9' },
    'is above `max_followers`',
  ],
  [
    'R9: equal follower bounds are accepted',
    { ...task, min_followers: '10', max_followers: '10' },
    null,
  ],
  ['R23: top-up settings come all together', { ...task, topup_amount: '500' }, 'together, or none'],
  ['R23: a full top-up is accepted', { ...task, ...topup }, null],
  [
    'R23: a top-up below 500 is rejected',
    { ...task, ...topup, topup_amount: '499' },
    'must be 500–100000',
  ],
  [
    'R23: a trigger above 70 is rejected',
    { ...task, ...topup, topup_trigger_pct: '71' },
    'must be 10–70',
  ],
  [
    'R23: a cap below the amount is rejected',
    { ...task, ...topup, topup_amount: '20000' },
    'at least `topup_amount`',
  ],
  [
    'R23: a cap above 500000 is rejected',
    { ...task, ...topup, topup_cap: '500001' },
    'must be 10000–500000',
  ],
  [
    'R25: a title of exactly 15 code points is accepted',
    { ...task, title: '一二三四五六七八九十一二三四五' },
    null,
  ],
  [
    'R25: three reference videos are accepted',
    {
      ...task,
      reference_videos:
        'https://v.kuaishou.com/a1  https://v.kuaishou.com/b2 https://v.kuaishou.com/c3',
    },
    null,
  ],
  [
    'R25: a page path not starting with page is accepted (flagged later)',
    { ...task, page_path: 'sub/index' },
    null,
  ],
  [
    'R1: a task timestamp without offset is rejected',
    { ...task, created_at: '2025-04-01 10:00:00' },
    'is not a timestamp',
  ],
])('%s', async (_name, row, expected) => {
  const reason = await verdict(row as Record<string, string>);
  if (expected === null) expect(reason).toBeNull();
  else expect(reason).toContain(expected);
});

test('creators: an organisation creator names its organisation (R18)', async () => {
  const creator = { ...goodRows.creators, kind: 'mcn', org_id: '' };
  const [outcome] = await db.ingest(writeCsv(db.dir, 'creators.csv', table('creators', [creator])));
  expect(outcome).toMatchObject({ counts: { rowsRejected: 1 } });
});

test('videos: an audited video says when', async () => {
  const video = { ...goodRows.videos, audited_at: '' };
  const [outcome] = await db.ingest(writeCsv(db.dir, 'videos.csv', table('videos', [video])));
  expect(outcome).toMatchObject({ counts: { rowsRejected: 1 } });
});
