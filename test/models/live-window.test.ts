import { afterEach, expect, test } from 'vitest';
import { impression } from '../helpers/events.js';
import { Scenario } from '../helpers/scenario.js';

let scenario: Scenario;
afterEach(() => scenario.close());

const adShare = { task_type: 'ad_share', commission_rate_pct: '100' };

async function reasons() {
  return scenario.rows(`select event_id, reason from unattributed_events order by event_id`);
}

async function qualified() {
  return scenario.rows(
    `select video_id, qualifies, disqualified_reason from int_videos_qualified order by video_id`,
  );
}

test('R6, R7: a task approved after its start goes live at approval', async () => {
  scenario = await Scenario.standard();
  scenario.task({
    ...adShare,
    starts_at: '2025-04-01T00:00:00+08:00',
    approved_at: '2025-04-03T12:00:00+08:00',
  });
  scenario.video({ video_id: 'v1', published_at: '2025-04-03T11:59:59+08:00' });
  scenario.video({ video_id: 'v2', published_at: '2025-04-03T12:00:00+08:00' });
  await scenario.load();
  expect(await qualified()).toEqual([
    { video_id: 'v1', qualifies: false, disqualified_reason: 'video_outside_task_window' },
    { video_id: 'v2', qualifies: true, disqualified_reason: null },
  ]);
});

test('R6: a task never approved is never live', async () => {
  scenario = await Scenario.standard();
  scenario.task({ ...adShare, approved_at: '' }).video();
  scenario.add('ad_impressions', impression('i1', '2025-04-05T10:00:00+08:00', '1.00'));
  await scenario.load();
  expect(await reasons()).toEqual([{ event_id: 'i1', reason: 'task_not_approved' }]);
});

test('R6: a pause bills one calendar month more, to the last day of a shorter month', async () => {
  scenario = await Scenario.standard();
  scenario.task({
    ...adShare,
    starts_at: '2025-01-01T00:00:00+08:00',
    approved_at: '2025-01-01T00:00:00+08:00',
    created_at: '2025-01-01T00:00:00+08:00',
    paused_at: '2025-01-31T10:00:00+08:00',
  });
  scenario.video({
    published_at: '2025-01-05T10:00:00+08:00',
    audited_at: '2025-01-05T11:00:00+08:00',
  });
  scenario.add(
    'ad_impressions',
    impression('i1', '2025-02-28T09:59:59+08:00', '1.00'),
    impression('i2', '2025-02-28T02:00:00Z', '1.00'),
  );
  await scenario.load();
  expect(
    await scenario.rows(`select cst_date(billing_end) as d, billing_end from stg_tasks`),
  ).toEqual([{ d: '2025-02-28', billing_end: '2025-02-28T10:00:00+08:00' }]);
  expect(await reasons()).toEqual([{ event_id: 'i2', reason: 'after_billing_end' }]);
});

test('R6: a termination ends billing at once, even after a pause', async () => {
  scenario = await Scenario.standard();
  scenario.task({
    ...adShare,
    paused_at: '2025-04-10T00:00:00+08:00',
    terminated_at: '2025-04-12T00:00:00+08:00',
  });
  scenario.video();
  scenario.add(
    'ad_impressions',
    impression('i1', '2025-04-11T23:59:59+08:00', '1.00'),
    impression('i2', '2025-04-12T00:00:00+08:00', '1.00'),
  );
  await scenario.load();
  expect(await reasons()).toEqual([{ event_id: 'i2', reason: 'after_billing_end' }]);
});

test('R7: videos join from the live start, not at ends_at nor after a pause; joined videos bill on', async () => {
  scenario = await Scenario.standard();
  scenario.task({
    ...adShare,
    ends_at: '2025-05-01T00:00:00+08:00',
    paused_at: '2025-04-20T00:00:00+08:00',
  });
  scenario.video({ video_id: 'v1', published_at: '2025-04-01T12:00:00+08:00' });
  scenario.video({ video_id: 'v2', published_at: '2025-04-19T23:59:59+08:00' });
  scenario.video({ video_id: 'v3', published_at: '2025-04-20T00:00:00+08:00' });
  scenario.add('ad_impressions', impression('i1', '2025-04-25T10:00:00+08:00', '1.00', 'v2'));
  await scenario.load();
  expect(await qualified()).toEqual([
    { video_id: 'v1', qualifies: true, disqualified_reason: null },
    { video_id: 'v2', qualifies: true, disqualified_reason: null },
    { video_id: 'v3', qualifies: false, disqualified_reason: 'video_outside_task_window' },
  ]);
  expect(await scenario.rows('select video_id, amount from earning_lines')).toEqual([
    { video_id: 'v2', amount: '1.00' },
  ]);
});
