import { describe, expect, test } from 'vitest';
import {
  replayAccounts,
  type FundedTask,
  type Line,
  type Recharge,
} from '../../pipelines/budget/replay.js';

const DEV = 'dev-1';
/** Builds run on this date: the default release date is still to come. */
const TODAY = '2025-05-01';

function recharge(date: string, amount: string, movementId = `m-${date}-${amount}`): Recharge {
  return { developerId: DEV, date, amount, movementId };
}

function task(taskId: string, budget: string, overrides: Partial<FundedTask> = {}): FundedTask {
  const createdDate = overrides.createdDate ?? '2025-04-01';
  return {
    taskId,
    developerId: DEV,
    createdDate,
    createdAt: `${createdDate}T10:00:00+08:00`,
    budget,
    topup: null,
    releaseDate: '2025-06-30',
    ...overrides,
  };
}

function line(taskId: string, accrualDate: string, amount: string, more: Partial<Line> = {}): Line {
  return {
    taskId,
    videoId: 'v1',
    source: 'revenue_share',
    accrualDate,
    amount,
    draws: true,
    ...more,
  };
}

/** What each line drew and what was cut, in replay order. */
function drawn(lines: Line[], tasks: FundedTask[], recharges = [recharge('2025-04-01', '100000')]) {
  return replayAccounts(recharges, tasks, lines, TODAY).draws.map((d) => [d.drawn, d.cut]);
}

const smart = { amount: '500', triggerPct: 50, cap: '10000' };

describe('prepaid account (R21)', () => {
  test('R21: recharge 10 000, five tasks of 1 000: 5 000 frozen, 5 000 available', () => {
    const tasks = ['t1', 't2', 't3', 't4', 't5'].map((id) => task(id, '1000'));
    const result = replayAccounts([recharge('2025-04-01', '10000')], tasks, [], TODAY);

    expect(result.tasks.every((t) => t.accepted && t.frozen === '1000.00')).toBe(true);
    expect(result.ledger.filter((m) => m.kind === 'freeze').map((m) => m.amount)).toEqual(
      Array(5).fill('-1000.00'),
    );
    expect(result.ledger.at(-1)?.available).toBe('5000.00');
  });

  test('R21: a task over the available balance is rejected; a later smaller one fits', () => {
    const tasks = [
      task('a', '800'),
      task('b', '500', { createdDate: '2025-04-02' }),
      task('c', '200', { createdDate: '2025-04-03' }),
    ];
    const lines = [line('b', '2025-04-05', '10.00'), line('c', '2025-04-05', '10.00')];
    const result = replayAccounts([recharge('2025-04-01', '1000')], tasks, lines, TODAY);

    expect(result.tasks.map((t) => [t.taskId, t.accepted, t.reason, t.frozen])).toEqual([
      ['a', true, null, '800.00'],
      ['b', false, 'insufficient_balance', '0.00'],
      ['c', true, null, '200.00'],
    ]);
    expect(result.draws.map((d) => d.taskId)).toEqual(['c']);
    expect(result.ledger.at(-1)).toMatchObject({ kind: 'freeze', taskId: 'c', available: '0.00' });
  });

  test('R21: a task whose mini-program is not loaded is rejected and moves no money', () => {
    const tasks = [task('orphan', '100', { developerId: null })];
    const result = replayAccounts(
      [recharge('2025-04-01', '1000')],
      tasks,
      [line('orphan', '2025-04-02', '5.00')],
      TODAY,
    );

    expect(result.tasks[0]).toMatchObject({ accepted: false, reason: 'mini_program_not_loaded' });
    expect(result.draws).toEqual([]);
    expect(result.ledger.map((m) => m.kind)).toEqual(['recharge']);
  });
});

describe('consumption (R22)', () => {
  test('R22: a line finding the budget short draws what remains; the rest is cut', () => {
    const lines = [line('t', '2025-04-02', '60.00'), line('t', '2025-04-03', '60.00')];
    const result = replayAccounts(
      [recharge('2025-04-01', '1000')],
      [task('t', '100')],
      lines,
      TODAY,
    );

    expect(result.draws.map((d) => [d.computed, d.drawn, d.cut])).toEqual([
      ['60.00', '60.00', '0.00'],
      ['60.00', '40.00', '20.00'],
    ]);
    expect(result.tasks[0]).toMatchObject({ consumed: '100.00', released: '0.00' });
  });

  test('R22: void and withheld lines draw nothing and are never cut', () => {
    const lines = [
      line('t', '2025-04-02', '500.00', { videoId: 'rejected', draws: false }),
      line('t', '2025-04-02', '100.00', { videoId: 'video' }),
    ];

    expect(drawn(lines, [task('t', '100')])).toEqual([
      ['500.00', '0.00'],
      ['100.00', '0.00'],
    ]);
  });

  test('R22, R24: a line before the created date or on the release date draws nothing', () => {
    const tasks = [task('t', '100', { createdDate: '2025-04-10', releaseDate: '2025-04-20' })];
    const lines = [
      line('t', '2025-04-09', '10.00'),
      line('t', '2025-04-10', '10.00'),
      line('t', '2025-04-19', '10.00'),
      line('t', '2025-04-20', '10.00'),
    ];

    expect(drawn(lines, tasks)).toEqual([
      ['0.00', '10.00'],
      ['10.00', '0.00'],
      ['10.00', '0.00'],
      ['0.00', '10.00'],
    ]);
  });
});

describe('smart top-up (R23)', () => {
  test('R23: a top-up triggers when consumption reaches exactly B + ratio × I, not before', () => {
    const tasks = [task('t', '1000', { topup: smart })];
    const lines = [
      line('t', '2025-04-02', '499.99'),
      line('t', '2025-04-03', '0.01'),
      line('t', '2025-04-04', '0.00'),
    ];
    const result = replayAccounts([recharge('2025-04-01', '10000')], tasks, lines, TODAY);

    expect(result.ledger.filter((m) => m.kind === 'topup')).toEqual([
      {
        developerId: DEV,
        date: '2025-04-04',
        kind: 'topup',
        taskId: 't',
        amount: '-500.00',
        available: '8500.00',
      },
    ]);
    expect(result.tasks[0]).toMatchObject({ topups: 1, toppedUp: '500.00', consumed: '500.00' });
  });

  test('R23: one short line gains repeated top-ups until it is covered', () => {
    const tasks = [task('t', '1000', { topup: smart })];
    const result = replayAccounts(
      [recharge('2025-04-01', '10000')],
      tasks,
      [line('t', '2025-04-02', '2200.00')],
      TODAY,
    );

    expect(result.draws.map((d) => [d.drawn, d.cut])).toEqual([['2200.00', '0.00']]);
    expect(result.tasks[0]).toMatchObject({ topups: 3, toppedUp: '1500.00', consumed: '2200.00' });
    expect(result.ledger.at(-1)?.available).toBe('7500.00');
  });

  test('R23: top-ups may reach the cap exactly, then stop with no partial top-up', () => {
    const topup = { amount: '5000', triggerPct: 50, cap: '10000' };
    const result = replayAccounts(
      [recharge('2025-04-01', '100000')],
      [task('t', '1000', { topup })],
      [line('t', '2025-04-02', '20000.00')],
      TODAY,
    );

    expect(result.draws.map((d) => [d.drawn, d.cut])).toEqual([['11000.00', '9000.00']]);
    expect(result.tasks[0]).toMatchObject({ topups: 2, toppedUp: '10000.00' });
  });

  test('R23: the balance stops top-ups, and a later recharge lets the next line top up', () => {
    const recharges = [recharge('2025-04-01', '1600'), recharge('2025-04-03', '400')];
    const lines = [line('t', '2025-04-02', '2000.00'), line('t', '2025-04-03', '100.00')];
    const result = replayAccounts(recharges, [task('t', '1000', { topup: smart })], lines, TODAY);

    expect(result.draws.map((d) => [d.drawn, d.cut])).toEqual([
      ['1500.00', '500.00'],
      ['100.00', '0.00'],
    ]);
    expect(result.ledger.map((m) => [m.date, m.kind, m.amount, m.available])).toEqual([
      ['2025-04-01', 'recharge', '1600.00', '1600.00'],
      ['2025-04-01', 'freeze', '-1000.00', '600.00'],
      ['2025-04-02', 'topup', '-500.00', '100.00'],
      ['2025-04-03', 'recharge', '400.00', '500.00'],
      ['2025-04-03', 'topup', '-500.00', '0.00'],
    ]);
  });
});

describe('release and order (R24, R24a)', () => {
  test('R24: the unconsumed remainder returns on billing end + 10 and funds a later task', () => {
    const tasks = [
      task('a', '1000', { releaseDate: '2025-04-20' }),
      task('b', '700', { createdDate: '2025-04-15' }),
      task('c', '700', { createdDate: '2025-04-21' }),
    ];
    const result = replayAccounts(
      [recharge('2025-04-01', '1000')],
      tasks,
      [line('a', '2025-04-05', '300.00')],
      TODAY,
    );

    expect(result.tasks.map((t) => [t.taskId, t.accepted, t.consumed, t.released])).toEqual([
      ['a', true, '300.00', '700.00'],
      ['b', false, '0.00', '0.00'],
      ['c', true, '0.00', '0.00'],
    ]);
    expect(result.ledger.map((m) => [m.date, m.kind, m.taskId, m.available])).toEqual([
      ['2025-04-01', 'recharge', null, '1000.00'],
      ['2025-04-01', 'freeze', 'a', '0.00'],
      ['2025-04-20', 'release', 'a', '700.00'],
      ['2025-04-21', 'freeze', 'c', '0.00'],
    ]);
  });

  test('R24: a release dated after the as-of date has not happened yet', () => {
    const run = (asOf?: string) =>
      replayAccounts([recharge('2025-04-01', '1000')], [task('t', '1000')], [], asOf);

    expect(run(TODAY).tasks[0]).toMatchObject({ released: '0.00' });
    expect(run(TODAY).ledger.at(-1)).toMatchObject({ kind: 'freeze', available: '0.00' });
    expect(run().ledger.at(-1)).toMatchObject({
      date: '2025-06-30',
      kind: 'release',
      amount: '1000.00',
      available: '1000.00',
    });
  });

  test('R24a: within a date, recharges come first, then releases, then new tasks', () => {
    const tasks = [
      task('a', '1000', { releaseDate: '2025-04-20' }),
      task('b', '1200', { createdDate: '2025-04-20' }),
    ];
    const recharges = [recharge('2025-04-01', '1000'), recharge('2025-04-20', '200')];
    const result = replayAccounts(recharges, tasks, [], TODAY);

    expect(result.tasks.map((t) => t.accepted)).toEqual([true, true]);
    expect(result.ledger.map((m) => [m.kind, m.available])).toEqual([
      ['recharge', '1000.00'],
      ['freeze', '0.00'],
      ['recharge', '200.00'],
      ['release', '1200.00'],
      ['freeze', '0.00'],
    ]);
  });

  test('R24a: new tasks of one date freeze in created_at instant order, ties by task id', () => {
    const at = (createdAt: string) => ({ createdDate: '2025-04-02', createdAt });
    const tasks = [
      task('late', '600', at('2025-04-02T02:00:00Z')), // 10:00 local
      task('early', '600', at('2025-04-02T09:00:00+08:00')),
      task('b', '300', at('2025-04-02T11:00:00+08:00')),
      task('a', '300', at('2025-04-02T11:00:00+08:00')),
    ];
    const result = replayAccounts([recharge('2025-04-01', '900')], tasks, [], TODAY);

    expect(result.ledger.slice(1).map((m) => m.taskId)).toEqual(['early', 'a']);
    expect(result.tasks.map((t) => [t.taskId, t.reason])).toEqual([
      ['late', 'insufficient_balance'],
      ['early', null],
      ['b', 'insufficient_balance'],
      ['a', null],
    ]);
  });

  test('R24a: lines of a date draw in order of task id, video id (bytes) and source', () => {
    const on = (taskId: string, videoId: string, source: Line['source']) =>
      line(taskId, '2025-04-02', '30.00', { videoId, source });
    const lines = [
      on('t2', 'v1', 'ad_share'),
      on('t1', 'v2', 'ad_share'),
      on('t1', 'v10', 'floor'),
      on('t1', 'v1', 'revenue_share'),
      on('t1', 'v1', 'lead'),
    ];
    const result = replayAccounts(
      [recharge('2025-04-01', '1000')],
      [task('t1', '100'), task('t2', '100')],
      lines,
      TODAY,
    );

    expect(result.draws.map((d) => [d.taskId, d.videoId, d.source, d.drawn, d.cut])).toEqual([
      ['t1', 'v1', 'lead', '30.00', '0.00'],
      ['t1', 'v1', 'revenue_share', '30.00', '0.00'],
      ['t1', 'v10', 'floor', '30.00', '0.00'],
      ['t1', 'v2', 'ad_share', '10.00', '20.00'],
      ['t2', 'v1', 'ad_share', '30.00', '0.00'],
    ]);
  });

  test('R24a: a line dated earlier but loaded late changes what later lines drew', () => {
    const lines = [line('t', '2025-04-05', '80.00'), line('t', '2025-04-03', '50.00')];

    expect(drawn(lines, [task('t', '100')])).toEqual([
      ['50.00', '0.00'],
      ['50.00', '30.00'],
    ]);
  });

  test('R24a: ids compare by UTF-8 bytes, not by UTF-16 code units', () => {
    const lines = ['\u{1F600}', '\uFF21'].map((videoId) =>
      line('t', '2025-04-02', '60.00', { videoId }),
    );
    const result = replayAccounts(
      [recharge('2025-04-01', '100')],
      [task('t', '100')],
      lines,
      TODAY,
    );

    expect(result.draws.map((d) => [d.videoId, d.drawn])).toEqual([
      ['\uFF21', '60.00'],
      ['\u{1F600}', '40.00'],
    ]);
  });
});
