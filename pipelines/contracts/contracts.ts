import { z } from 'zod';
import { fieldSchema, fields, optional, type FieldSpec } from './fields.js';
import { creatorRules, materialRules, taskRules, videoRules } from './row-rules.js';

export type Format = 'csv' | 'xlsx' | 'xls' | 'jsonl';

/**
 * How a contract's rows are kept (CONTRACTS.md, loading semantics): `reference` rows are
 * versions of the keyed thing, the last one ingested current; `event` rows are
 * append-only, one per key; `set` rows are kept once whatever repeats.
 */
export type ContractKind = 'reference' | 'event' | 'set';

export interface Contract<Shape extends Record<string, FieldSpec> = Record<string, FieldSpec>> {
  name: string;
  kind: ContractKind;
  key: readonly string[];
  formats: readonly Format[];
  columns: Shape;
  /** Rules across a row's fields, checked after every field passed (R4, R5 …). */
  rowRules?: (row: ParsedRow) => string[];
}

function contract<Shape extends Record<string, FieldSpec>>(definition: Contract<Shape>) {
  return definition;
}

const { id, ts, money, money6, int, list, text } = fields;
const e = fields.enum;

export const contracts = {
  mini_programs: contract({
    name: 'mini_programs',
    kind: 'reference',
    key: ['mini_program_id'],
    formats: ['csv'],
    columns: { mini_program_id: id(), developer_id: id(), name: text(), industry: text() },
  }),
  account_movements: contract({
    name: 'account_movements',
    kind: 'event',
    key: ['movement_id'],
    formats: ['csv'],
    columns: {
      movement_id: id(),
      developer_id: id(),
      kind: e(['recharge']),
      amount: money({ positive: true }),
      occurred_at: ts(),
      reference: optional(text()),
    },
  }),
  tasks: contract({
    name: 'tasks',
    kind: 'reference',
    key: ['task_id'],
    formats: ['csv', 'xlsx'],
    columns: {
      task_id: id(),
      mini_program_id: id(),
      task_type: e(['ad_share', 'revenue_share', 'lead']),
      title: text(),
      industry: text(),
      created_at: ts(),
      starts_at: ts(),
      ends_at: ts(),
      approved_at: optional(ts()),
      paused_at: optional(ts()),
      terminated_at: optional(ts()),
      commission_rate_pct: optional(int()),
      lead_price: optional(money({ positive: true })),
      lead_event: optional(e(['submitted', 'activated'])),
      floor_price: optional(money({ positive: true })),
      per_creator_limit: optional(int()),
      targeting: e(['all', 'tags', 'specified', 'batch']),
      target_tags: optional(list()),
      min_followers: optional(int()),
      max_followers: optional(int()),
      budget: optional(money({ positive: true })),
      topup_amount: optional(int()),
      topup_trigger_pct: optional(int()),
      topup_cap: optional(int()),
      page_path: text(),
      reference_videos: text(),
    },
    rowRules: taskRules,
  }),
  task_targets: contract({
    name: 'task_targets',
    kind: 'set',
    key: ['task_id', 'creator_id'],
    formats: ['csv', 'xlsx', 'xls'],
    columns: { task_id: id(), creator_id: id() },
  }),
  creators: contract({
    name: 'creators',
    kind: 'reference',
    key: ['creator_id'],
    formats: ['csv'],
    columns: {
      creator_id: id(),
      kind: e(['natural', 'mcn', 'service_provider']),
      org_id: optional(id()),
      followers: optional(int()),
      tags: optional(list()),
    },
    rowRules: creatorRules,
  }),
  videos: contract({
    name: 'videos',
    kind: 'reference',
    key: ['video_id'],
    formats: ['csv'],
    columns: {
      video_id: id(),
      task_id: id(),
      creator_id: id(),
      published_at: ts(),
      audit_status: e(['pending', 'passed', 'rejected']),
      audited_at: optional(ts()),
    },
    rowRules: videoRules,
  }),
  ad_impressions: contract({
    name: 'ad_impressions',
    kind: 'event',
    key: ['impression_id'],
    formats: ['csv'],
    columns: {
      impression_id: id(),
      video_id: id(),
      mini_program_id: id(),
      occurred_at: ts(),
      ad_revenue: money6(),
    },
  }),
  payments: contract({
    name: 'payments',
    kind: 'event',
    key: ['payment_id'],
    formats: ['csv'],
    columns: {
      payment_id: id(),
      video_id: id(),
      mini_program_id: id(),
      paid_at: ts(),
      amount: money({ positive: true }),
    },
  }),
  refunds: contract({
    name: 'refunds',
    kind: 'event',
    key: ['refund_id'],
    formats: ['csv'],
    columns: {
      refund_id: id(),
      payment_id: id(),
      refunded_at: ts(),
      amount: money({ positive: true }),
    },
  }),
  settlements: contract({
    name: 'settlements',
    kind: 'event',
    key: ['payment_id'],
    formats: ['csv'],
    columns: { payment_id: id(), settled_at: ts() },
  }),
  leads: contract({
    name: 'leads',
    kind: 'event',
    key: ['lead_id', 'event'],
    formats: ['csv', 'jsonl'],
    columns: {
      lead_id: id(),
      video_id: id(),
      mini_program_id: id(),
      event: e(['submitted', 'activated']),
      occurred_at: ts(),
    },
  }),
  violations: contract({
    name: 'violations',
    kind: 'event',
    key: ['creator_id', 'cycle_id'],
    formats: ['csv'],
    columns: {
      creator_id: id(),
      cycle_id: text({
        pattern: '^\\d{4}-(0[1-9]|1[0-2])-[AB]$',
        message: 'is not a cycle `YYYY-MM-A` or `YYYY-MM-B` (R2)',
      }),
      reason: text(),
      recorded_at: ts(),
    },
  }),
  materials: contract({
    name: 'materials',
    kind: 'reference',
    key: ['task_id', 'url'],
    formats: ['csv', 'xlsx', 'xls'],
    columns: {
      task_id: id(),
      url: text({ pattern: '^https?://\\S+$', message: 'is not an `http` or `https` link (R26)' }),
      episode: optional(int()),
      series_episodes: optional(int()),
    },
    rowRules: materialRules,
  }),
} as const;

export type ContractName = keyof typeof contracts;
export const contractNames = Object.keys(contracts) as ContractName[];

export function isContractName(name: string): name is ContractName {
  return Object.hasOwn(contracts, name);
}

/** The zod schema of a contract's row: text in (as read), parsed values out. */
export function rowSchema(contract: Contract) {
  const shape = Object.fromEntries(
    Object.entries(contract.columns).map(([name, spec]) => [name, fieldSchema(spec)]),
  );
  const object = z.object(shape);
  const rules = contract.rowRules;
  if (!rules) return object;
  return object.superRefine((row, context) => {
    for (const message of rules(row as ParsedRow)) context.addIssue({ code: 'custom', message });
  });
}

/** A parsed row: money and instants stay exact text, ints numbers, lists arrays. */
export type ParsedRow = Record<string, string | number | string[] | undefined>;
