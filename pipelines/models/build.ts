import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DuckDBConnection } from '@duckdb/node-api';
import { toPlain } from '../db/values.js';
import { UserError } from '../util/errors.js';
import { silent, type EventSink } from '../util/events.js';
import { budgetStep } from './budget-step.js';
import { renderModel } from './templating.js';

const MODELS_DIR = fileURLToPath(new URL('../../models/', import.meta.url));
const LAYERS = ['staging', 'intermediate', 'marts'] as const;

/** A step of the build: a SQL model (one relation) or a TypeScript step (several). */
export interface ModelStep {
  name: string;
  produces: string[];
  /** Relations it reads; for SQL models, found in the SQL text. */
  reads?: string[];
  sql?: string;
  run(connection: DuckDBConnection): Promise<void>;
}

export type PlannedStep = ModelStep & { dependsOn: string[] };

function sqlModel(name: string, path: string): ModelStep {
  const sql = renderModel(name, readFileSync(path, 'utf8'));
  return {
    name,
    produces: [name],
    sql,
    async run(connection) {
      await connection.run(`create or replace table ${name} as\n${sql}`);
    },
  };
}

/** Every SQL model file and the TypeScript steps, with the steps each depends on. */
export function loadModels(): PlannedStep[] {
  const steps: ModelStep[] = LAYERS.flatMap((layer) =>
    readdirSync(join(MODELS_DIR, layer))
      .filter((file) => file.endsWith('.sql'))
      .sort()
      .map((file) => sqlModel(basename(file, '.sql'), join(MODELS_DIR, layer, file))),
  );
  steps.push(budgetStep);

  const producers = new Map(steps.flatMap((step) => step.produces.map((rel) => [rel, step.name])));
  const mentions = (sql: string) =>
    [...producers.keys()].filter((rel) => new RegExp(`\\b${rel}\\b`).test(sql));
  return steps.map((step) => {
    const reads = step.reads ?? mentions(step.sql ?? '');
    const dependsOn = [...new Set(reads.map((rel) => producers.get(rel)!))];
    return { ...step, dependsOn: dependsOn.filter((dep) => dep !== step.name) };
  });
}

/** Orders steps so that each comes after what it reads; a cycle is a defect. */
export function orderModels(steps: PlannedStep[]): PlannedStep[] {
  const byName = new Map(steps.map((step) => [step.name, step]));
  const ordered: PlannedStep[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (step: PlannedStep, path: string[]) => {
    if (state.get(step.name) === 'done') return;
    if (state.get(step.name) === 'visiting') {
      throw new Error(`Failed to order models: cycle ${[...path, step.name].join(' → ')}`);
    }
    state.set(step.name, 'visiting');
    for (const dep of step.dependsOn) visit(byName.get(dep)!, [...path, step.name]);
    state.set(step.name, 'done');
    ordered.push(step);
  };
  for (const step of steps) visit(step, []);
  return ordered;
}

/**
 * A broken invariant: every command that builds (build, payout, income, publish) stops
 * with this one line and exit 1, naming the audit and its first offending row.
 */
export class AuditFailure extends UserError {
  override name = 'AuditFailure';
}

/**
 * Runs every model in dependency order, each in its own transaction, then every audit
 * (a query that must return no rows). A failing audit fails the build loudly, naming
 * the audit and its first offending row; the tables already built stay as built.
 */
export async function build(
  connection: DuckDBConnection,
  onEvent: EventSink = silent,
): Promise<number> {
  const started = new Date();
  for (const step of orderModels(loadModels())) {
    const begun = performance.now();
    await connection.run('begin transaction');
    try {
      await step.run(connection);
      await connection.run('commit');
    } catch (error) {
      await connection.run('rollback');
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`Failed to build model ${step.name}: ${message}`);
    }
    const count = await connection.runAndReadAll(`select count(*) from ${step.produces[0]}`);
    const rows = Number(count.getRows()[0]![0]);
    onEvent({ type: 'model.built', model: step.name, rows, durationMs: performance.now() - begun });
  }
  await runAudits(connection, onEvent);
  return recordBuild(connection, started);
}

/** The audits of `models/audits`: each returns the rows that break an invariant. */
export async function runAudits(connection: DuckDBConnection, onEvent: EventSink = silent) {
  const dir = join(MODELS_DIR, 'audits');
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .sort()) {
    const name = basename(file, '.sql');
    const sql = renderModel(name, readFileSync(join(dir, file), 'utf8'));
    const reader = await connection.runAndReadAll(sql);
    const rows = reader.getRows();
    if (rows.length > 0) {
      const names = reader.columnNames();
      const first = Object.fromEntries(rows[0]!.map((value, i) => [names[i], toPlain(value)]));
      throw new AuditFailure(
        `audit ${name} failed: ${rows.length} offending rows, the first ${JSON.stringify(first)}`,
      );
    }
    onEvent({ type: 'info', message: `audit ${name}: passed` });
  }
}

async function recordBuild(connection: DuckDBConnection, started: Date): Promise<number> {
  const reader = await connection.runAndReadAll(`
    insert into builds
    select nextval('build_id_seq'), '${started.toISOString()}', now(),
        (select max(load_id) from loads), (select count(*) from payout_batches)
    returning build_id`);
  return Number(reader.getRows()[0]![0]);
}

/** Whether anything was loaded or any batch written since the last build. */
export async function needsBuild(connection: DuckDBConnection): Promise<boolean> {
  const reader = await connection.runAndReadAll(`
    select coalesce((
        select last_load_id is not distinct from (select max(load_id) from loads)
            and batches = (select count(*) from payout_batches)
        from builds order by build_id desc limit 1
    ), false)`);
  return reader.getRows()[0]![0] !== true;
}
