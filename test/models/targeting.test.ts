import { afterEach, expect, test } from 'vitest';
import { Scenario } from '../helpers/scenario.js';

let scenario: Scenario;
afterEach(() => scenario.close());

const creator = (id: string, extra: Record<string, string> = {}) => ({
  creator_id: id,
  kind: 'natural',
  followers: '1000',
  tags: 'drama',
  ...extra,
});

async function qualified() {
  return scenario.rows(
    `select video_id, qualifies, disqualified_reason from int_videos_qualified order by video_id`,
  );
}

test("R8: only a creator's first N videos qualify, ordered by publication then video id", async () => {
  scenario = await Scenario.standard();
  scenario.task({ per_creator_limit: '2' });
  scenario.video({ video_id: 'vb', published_at: '2025-04-02T10:00:00+08:00' });
  scenario.video({ video_id: 'va', published_at: '2025-04-02T10:00:00+08:00' });
  scenario.video({ video_id: 'v0', published_at: '2025-04-03T10:00:00+08:00' });
  await scenario.load();
  expect(await qualified()).toEqual([
    { video_id: 'v0', qualifies: false, disqualified_reason: 'over_per_creator_limit' },
    { video_id: 'va', qualifies: true, disqualified_reason: null },
    { video_id: 'vb', qualifies: true, disqualified_reason: null },
  ]);
});

test('R8, R19: a rejected video takes no place but still qualifies, so its void lines show', async () => {
  scenario = await Scenario.standard();
  scenario.task({ per_creator_limit: '1', floor_price: '10' });
  scenario.video({
    video_id: 'v1',
    published_at: '2025-04-02T10:00:00+08:00',
    audit_status: 'rejected',
  });
  scenario.video({ video_id: 'v2', published_at: '2025-04-03T10:00:00+08:00' });
  await scenario.load();
  expect(await qualified()).toEqual([
    { video_id: 'v1', qualifies: true, disqualified_reason: null },
    { video_id: 'v2', qualifies: true, disqualified_reason: null },
  ]);
  expect(
    await scenario.rows('select video_id, status, amount from earning_lines order by video_id'),
  ).toEqual([
    { video_id: 'v1', status: 'rejected', amount: '10.00' },
    { video_id: 'v2', status: 'payable', amount: '10.00' },
  ]);
});

test('R9: a tags task reaches creators with one of its tags', async () => {
  scenario = await Scenario.standard();
  scenario.add(
    'creators',
    creator('c2', { tags: 'food; travel' }),
    creator('c3', { tags: 'games' }),
  );
  scenario.task({ targeting: 'tags', target_tags: 'travel ;music' });
  scenario.video({ video_id: 'v2', creator_id: 'c2' }).video({ video_id: 'v3', creator_id: 'c3' });
  await scenario.load();
  expect(await qualified()).toEqual([
    { video_id: 'v2', qualifies: true, disqualified_reason: null },
    { video_id: 'v3', qualifies: false, disqualified_reason: 'creator_not_targeted' },
  ]);
});

test('R9: a specified task counts only its first 20 distinct ids in ingestion order', async () => {
  scenario = await Scenario.standard();
  const ids = Array.from({ length: 21 }, (_, i) => `s${String(i).padStart(2, '0')}`);
  scenario.add('creators', ...ids.map((id) => creator(id)));
  scenario.task({ targeting: 'specified' });
  scenario.add('task_targets', ...ids.map((id) => ({ task_id: 't1', creator_id: id })));
  scenario
    .video({ video_id: 'v19', creator_id: 's19' })
    .video({ video_id: 'v20', creator_id: 's20' });
  await scenario.load();
  expect(await qualified()).toEqual([
    { video_id: 'v19', qualifies: true, disqualified_reason: null },
    { video_id: 'v20', qualifies: false, disqualified_reason: 'creator_not_targeted' },
  ]);
  expect(
    await scenario.rows('select count(*) as n from int_task_targets where not is_counted'),
  ).toEqual([{ n: 1 }]);
});

test('R9: follower bounds are inclusive and an unknown follower count fails them', async () => {
  scenario = await Scenario.standard();
  scenario.add(
    'creators',
    creator('lo', { followers: '100' }),
    creator('hi', { followers: '200' }),
    creator('out', { followers: '201' }),
    creator('unknown', { followers: '' }),
  );
  scenario.task({ min_followers: '100', max_followers: '200' });
  for (const id of ['lo', 'hi', 'out', 'unknown'])
    scenario.video({ video_id: `v_${id}`, creator_id: id });
  await scenario.load();
  expect(await qualified()).toEqual([
    { video_id: 'v_hi', qualifies: true, disqualified_reason: null },
    { video_id: 'v_lo', qualifies: true, disqualified_reason: null },
    { video_id: 'v_out', qualifies: false, disqualified_reason: 'creator_not_targeted' },
    { video_id: 'v_unknown', qualifies: false, disqualified_reason: 'creator_not_targeted' },
  ]);
});

test('R9: a video by a creator not loaded does not qualify', async () => {
  scenario = await Scenario.standard();
  scenario.task().video({ creator_id: 'ghost' });
  await scenario.load();
  expect(await qualified()).toEqual([
    { video_id: 'v1', qualifies: false, disqualified_reason: 'creator_unknown' },
  ]);
});
