import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContractName } from '../../pipelines/contracts/contracts.js';
import { writeIncome } from '../../pipelines/income/income.js';
import { build } from '../../pipelines/models/build.js';
import { payout } from '../../pipelines/payouts/payout.js';
import { table } from './samples.js';
import { TestWarehouse, writeCsv } from './warehouse.js';

type Row = Record<string, string>;

/** Defaults for a small world: one developer, one mini-program, one natural creator. */
export const defaults = {
  mini_program: {
    mini_program_id: 'mp1',
    developer_id: 'dev1',
    name: 'Spark drama',
    industry: '短剧',
  },
  creator: { creator_id: 'c1', kind: 'natural', followers: '5000', tags: 'drama' },
  task: {
    task_id: 't1',
    mini_program_id: 'mp1',
    task_type: 'revenue_share',
    title: 'drama promo',
    industry: '短剧',
    created_at: '2025-04-01T10:00:00+08:00',
    starts_at: '2025-04-01T00:00:00+08:00',
    ends_at: '2025-06-30T00:00:00+08:00',
    approved_at: '2025-04-01T12:00:00+08:00',
    commission_rate_pct: '20',
    targeting: 'all',
    page_path: 'pages/index/index',
    reference_videos: 'https://v.kuaishou.com/abc',
  },
  video: {
    video_id: 'v1',
    task_id: 't1',
    creator_id: 'c1',
    published_at: '2025-04-02T10:00:00+08:00',
    audit_status: 'passed',
    audited_at: '2025-04-02T18:00:00+08:00',
  },
} satisfies Record<string, Row>;

/**
 * A whole-pipeline scenario: rows are written as real CSV files (one folder per
 * `load()` call, so later calls arrive as late files), ingested, built, and read back
 * through the same commands' code as the command line uses.
 */
export class Scenario {
  private pending = new Map<ContractName, Row[]>();
  private batch = 0;

  private constructor(readonly db: TestWarehouse) {}

  static async create(): Promise<Scenario> {
    return new Scenario(await TestWarehouse.open());
  }

  /** The defaults of a small world, plus whatever the test adds. */
  static async standard(): Promise<Scenario> {
    const scenario = await Scenario.create();
    scenario.add('mini_programs', defaults.mini_program);
    scenario.add('creators', defaults.creator);
    return scenario;
  }

  add(contract: ContractName, ...rows: Row[]): this {
    this.pending.set(contract, [...(this.pending.get(contract) ?? []), ...rows]);
    return this;
  }

  task(overrides: Row = {}): this {
    return this.add('tasks', { ...defaults.task, ...overrides });
  }

  video(overrides: Row = {}): this {
    return this.add('videos', { ...defaults.video, ...overrides });
  }

  /** Writes and ingests what was added since the last call, then builds. */
  async load(): Promise<void> {
    const folder = join(this.db.dir, `drop-${++this.batch}`);
    const paths = [...this.pending].map(([contract, rows]) =>
      writeCsv(folder, `${contract}.csv`, table(contract, rows)),
    );
    this.pending.clear();
    const outcomes = await this.db.ingest(...paths);
    const failed = outcomes.find((outcome) => outcome.status === 'failed');
    if (failed) throw new Error(`scenario file failed: ${JSON.stringify(failed)}`);
    const rejected = await this.db.rows(`select file_name, line, reason from rejected_rows`);
    if (rejected.length > 0) throw new Error(`scenario rows rejected: ${JSON.stringify(rejected)}`);
    await build(this.db.connection);
  }

  rows(sql: string) {
    return this.db.rows(sql);
  }

  /** Writes the batch of a cycle; returns its CSV as objects. */
  async payout(cycle: string): Promise<Row[]> {
    const out = join(this.db.dir, 'out');
    const { csvPath } = await payout(this.db.connection, cycle, out);
    return parseCsv(readFileSync(csvPath, 'utf8'));
  }

  async income(miniProgram: string, from: string, to: string): Promise<Row[]> {
    const out = join(this.db.dir, 'out');
    const { csvPath } = await writeIncome(this.db.connection, miniProgram, { from, to }, out);
    return parseCsv(readFileSync(csvPath, 'utf8'));
  }

  close() {
    this.db.close();
  }
}

/** Parses the plain CSV the exports write (no quoted fields in these tests). */
export function parseCsv(text: string): Row[] {
  const [header, ...lines] = text.trimEnd().split('\n');
  const names = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i]!, v])));
}
