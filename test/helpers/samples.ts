import { contracts, type ContractName } from '../../pipelines/contracts/contracts.js';

/** One good row per contract, as the text a file carries. */
export const goodRows: Record<ContractName, Record<string, string>> = {
  mini_programs: {
    mini_program_id: 'mp1',
    developer_id: 'dev1',
    name: '星火短剧',
    industry: '短剧',
  },
  account_movements: {
    movement_id: 'mv1',
    developer_id: 'dev1',
    kind: 'recharge',
    amount: '10000.00',
    occurred_at: '2025-04-01T09:00:00+08:00',
    reference: 'bank-1',
  },
  tasks: {
    task_id: 't1',
    mini_program_id: 'mp1',
    task_type: 'revenue_share',
    title: '短剧推广任务',
    industry: '短剧',
    created_at: '2025-04-01T10:00:00+08:00',
    starts_at: '2025-04-02T00:00:00+08:00',
    ends_at: '2025-06-30T00:00:00+08:00',
    approved_at: '2025-04-01T12:00:00+08:00',
    commission_rate_pct: '40',
    budget: '1000',
    targeting: 'all',
    page_path: 'pages/index/index',
    reference_videos: 'https://v.kuaishou.com/abc123',
  },
  task_targets: { task_id: 't1', creator_id: 'c1' },
  creators: { creator_id: 'c1', kind: 'natural', followers: '1000', tags: 'food; travel' },
  videos: {
    video_id: 'v1',
    task_id: 't1',
    creator_id: 'c1',
    published_at: '2025-04-03T10:00:00+08:00',
    audit_status: 'passed',
    audited_at: '2025-04-04T10:00:00+08:00',
  },
  ad_impressions: {
    impression_id: 'i1',
    video_id: 'v1',
    mini_program_id: 'mp1',
    occurred_at: '2025-04-05T10:00:00+08:00',
    ad_revenue: '0.012345',
  },
  payments: {
    payment_id: 'p1',
    video_id: 'v1',
    mini_program_id: 'mp1',
    paid_at: '2025-04-05T10:00:00+08:00',
    amount: '1000.00',
  },
  refunds: {
    refund_id: 'r1',
    payment_id: 'p1',
    refunded_at: '2025-04-06T10:00:00Z',
    amount: '100',
  },
  settlements: { payment_id: 'p1', settled_at: '2025-04-08T10:00:00+08:00' },
  leads: {
    lead_id: 'l1',
    video_id: 'v1',
    mini_program_id: 'mp1',
    event: 'submitted',
    occurred_at: '2025-04-05T10:00:00+08:00',
  },
  violations: {
    creator_id: 'c1',
    cycle_id: '2025-04-A',
    reason: 'fake orders',
    recorded_at: '2025-04-09T10:00:00+08:00',
  },
  materials: {
    task_id: 't1',
    url: 'https://pan.baidu.com/s/abc',
    episode: '1',
    series_episodes: '80',
  },
};

/** Rows of a file: every column of the contract as header, then each row's values. */
export function table(contract: ContractName, rows: Record<string, string>[]): string[][] {
  const header = Object.keys(contracts[contract].columns);
  return [header, ...rows.map((row) => header.map((name) => row[name] ?? ''))];
}
