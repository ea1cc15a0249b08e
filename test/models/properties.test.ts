import fc from 'fast-check';
import { expect, test } from 'vitest';
import { impression, lead, payment, recharge, refund, settlement } from '../helpers/events.js';
import { Scenario } from '../helpers/scenario.js';

const day = (n: number, hour = 10) => {
  const date = new Date(Date.UTC(2025, 3, 1 + n, hour - 8));
  return date.toISOString().slice(0, 19) + 'Z';
};
const money = (cents: number) =>
  `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
const micro = (units: number) =>
  `${Math.floor(units / 1e6)}.${String(units % 1e6).padStart(6, '0')}`;

const taskArb = fc.record({
  type: fc.constantFrom('ad_share', 'revenue_share', 'lead'),
  rate: fc.integer({ min: 70, max: 100 }),
  lowRate: fc.integer({ min: 1, max: 60 }),
  floor: fc.option(fc.integer({ min: 1, max: 500 }), { nil: null }),
  budget: fc.integer({ min: 1, max: 500 }),
  limit: fc.option(fc.integer({ min: 1, max: 2 }), { nil: null }),
});

const scenarioArb = fc.record({
  tasks: fc.array(taskArb, { minLength: 1, maxLength: 3 }),
  creators: fc.array(fc.constantFrom('natural', 'mcn', 'service_provider'), {
    minLength: 1,
    maxLength: 3,
  }),
  videos: fc.array(
    fc.record({
      task: fc.nat(),
      creator: fc.nat(),
      day: fc.integer({ min: 0, max: 40 }),
      audit: fc.constantFrom('passed', 'passed', 'pending', 'rejected'),
      auditDelay: fc.integer({ min: 0, max: 20 }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  events: fc.array(
    fc.record({
      video: fc.nat(),
      day: fc.integer({ min: 0, max: 50 }),
      cents: fc.integer({ min: 1, max: 100_000 }),
      settleAfter: fc.option(fc.integer({ min: 0, max: 15 }), { nil: null }),
      refundCents: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: null }),
      refundAfter: fc.integer({ min: -2, max: 20 }),
    }),
    { maxLength: 12 },
  ),
  violationCreator: fc.option(fc.nat(), { nil: null }),
  recharge: fc.integer({ min: 0, max: 2_000 }),
});

test('R16, R17, R22, R28: random scenarios keep every audit and every payout row reconciles', async () => {
  await fc.assert(
    fc.asyncProperty(scenarioArb, async (world) => {
      const scenario = await Scenario.standard();
      try {
        scenario.add('account_movements', recharge('m1', String(world.recharge + 1)));
        world.creators.forEach((kind, i) =>
          scenario.add('creators', {
            creator_id: `k${i}`,
            kind,
            org_id: kind === 'natural' ? '' : `org${i % 2}`,
            followers: '10',
            tags: 'x',
          }),
        );
        world.tasks.forEach((task, i) => {
          const funded =
            task.type === 'lead' || (task.type === 'revenue_share' && task.lowRate > 28);
          scenario.task({
            task_id: `t${i}`,
            task_type: task.type,
            commission_rate_pct:
              task.type === 'lead'
                ? ''
                : String(task.type === 'ad_share' ? task.rate : task.lowRate),
            lead_price: task.type === 'lead' ? '7.50' : '',
            lead_event: task.type === 'lead' ? 'submitted' : '',
            budget: funded ? String(task.budget) : '',
            floor_price: task.floor === null ? '' : money(task.floor),
            per_creator_limit: task.limit === null ? '' : String(task.limit),
          });
        });
        world.videos.forEach((video, i) =>
          scenario.video({
            video_id: `v${i}`,
            task_id: `t${video.task % world.tasks.length}`,
            creator_id: `k${video.creator % world.creators.length}`,
            published_at: day(video.day),
            audit_status: video.audit,
            audited_at: video.audit === 'pending' ? '' : day(video.day + video.auditDelay, 20),
          }),
        );
        world.events.forEach((event, i) => {
          const video = `v${event.video % world.videos.length}`;
          const kind =
            world.tasks[world.videos[event.video % world.videos.length]!.task % world.tasks.length]!
              .type;
          if (kind === 'ad_share')
            scenario.add(
              'ad_impressions',
              impression(`i${i}`, day(event.day), micro(event.cents * 7)),
            );
          if (kind === 'lead')
            scenario.add('leads', lead(`l${i}`, 'submitted', day(event.day), video));
          if (kind !== 'revenue_share') return;
          scenario.add('payments', payment(`p${i}`, day(event.day), money(event.cents), video));
          if (event.settleAfter !== null)
            scenario.add(
              'settlements',
              settlement(`p${i}`, day(event.day + event.settleAfter, 12)),
            );
          if (event.refundCents !== null) {
            scenario.add(
              'refunds',
              refund(
                `r${i}`,
                `p${i}`,
                day(event.day + event.refundAfter, 11),
                money(event.refundCents),
              ),
            );
          }
        });
        if (world.violationCreator !== null) {
          const creator = `k${world.violationCreator % world.creators.length}`;
          scenario.add('violations', {
            creator_id: creator,
            cycle_id: '2025-04-B',
            reason: 'x',
            recorded_at: day(20),
          });
        }
        await scenario.load(); // runs the audits: a broken invariant throws here

        for (const cycle of ['2025-04-A', '2025-04-B', '2025-05-A', '2025-05-B', '2025-06-A']) {
          for (const row of await scenario.payout(cycle)) {
            const cents = (v: string) => Math.round(Number(v) * 100);
            expect(cents(row.gross!)).toBe(cents(row.service_fee!) + cents(row.net!));
          }
        }
        const [totals] = await scenario.rows(`
          select
              (select coalesce(sum(paid), 0) from payout_batch_payees) as paid,
              (select coalesce(sum(paid_total), 0) from payout_batches) as batch_paid,
              (select coalesce(sum(net), 0) from payout_batch_lines where status = 'payable') as net,
              (select coalesce(sum(carried_out), 0) from payout_batch_payees
               where batch_cycle_id = '2025-06-A') as carried`);
        expect(totals!.paid).toBe(totals!.batch_paid);
        expect(Number(totals!.paid) + Number(totals!.carried)).toBeCloseTo(Number(totals!.net), 2);
      } finally {
        scenario.close();
      }
    }),
    { numRuns: 12 },
  );
}, 300_000);
