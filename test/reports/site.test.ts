import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'csv-parse/sync';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { column, openBrowser, rowStarting, visit, type PageVisit } from './browser.js';

const ROOT = join(import.meta.dirname, '..', '..');
const REPORTS = join(ROOT, 'reports');
const SITE = join(REPORTS, 'build');
const SCREENSHOTS = join(REPORTS, 'screenshots');
const OUT = join(ROOT, 'out');

let url: string;
let server: Server;
let browser: Awaited<ReturnType<typeof openBrowser>>;
const visits = new Map<string, PageVisit>();

/** Runs an npm script at the root; its output is shown only when it fails. */
function npm(...args: string[]) {
  // Run as from a terminal: without vitest's variables, which Vite's plugins react to.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(VITEST|TEST$|NODE_ENV$)/.test(name)),
  );
  const result = spawnSync('npm', args, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) {
    const output = `${result.stdout}\n${result.stderr}`.split('\n').slice(-40).join('\n');
    throw new Error(`npm ${args.join(' ')} exited ${result.status}:\n${output}`);
  }
}

/** Every page of the built site: each `index.html` under reports/build, as a path. */
function sitePages(dir = SITE): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sitePages(path);
    if (name !== 'index.html') return [];
    return ['/' + relative(SITE, dir).split(sep).join('/')].map((page) => page.replace(/\/$/, ''));
  });
}

async function snapshot(sql: string): Promise<Record<string, string>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql.replaceAll('snapshot/', `${REPORTS}/snapshot/`));
    return reader.getRowObjectsJS().map((row) => {
      return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, String(value)]));
    });
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** `12345.6` or `-5.00` as the site prints yuan: `¥12,345.60`, `-¥5.00`. */
function yuan(amount: string): string {
  const [whole = '0', fraction = ''] = amount.replace(/^-/, '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${amount.startsWith('-') ? '-' : ''}¥${grouped}.${fraction.padEnd(2, '0').slice(0, 2)}`;
}

/** The net of a payout file's payable rows, summed in fen. */
function payableNetOfBatchFile(cycle: string): string {
  const rows = parse(readFileSync(join(OUT, `payout_${cycle}.csv`)), { columns: true }) as Record<
    string,
    string
  >[];
  const fen = rows
    .filter((row) => row.status === 'payable')
    .reduce((sum, row) => sum + BigInt(row.net!.replace('.', '')), 0n);
  const sign = fen < 0n ? '-' : '';
  const digits = (fen < 0n ? -fen : fen).toString().padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

const screenshotName = (path: string) => (path === '' ? 'index' : path.slice(1).replace(/\//g, '-'));

beforeAll(async () => {
  // XINGHUO_REPORTS_REUSE=1 checks the site already in reports/build (while editing the test).
  if (process.env.XINGHUO_REPORTS_REUSE !== '1') {
    npm('start'); // the whole pipeline, ending with the reports' build
  }

  const serve = (await import(pathToFileURL(join(REPORTS, 'serve.mjs')).href)) as {
    serveBuild(dir: string, port?: number): Promise<{ server: Server; url: string }>;
  };
  ({ server, url } = await serve.serveBuild(SITE, 0));
  browser = await openBrowser();

  rmSync(SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const pending = sitePages();
  const tab = async () => {
    for (let path = pending.shift(); path !== undefined; path = pending.shift()) {
      const page = await browser.context.newPage();
      visits.set(path, await visit(page, url, path || '/'));
      const file = join(SCREENSHOTS, `${screenshotName(path)}.png`);
      await page.screenshot({ path: file, fullPage: true });
      await page.close();
    }
  };
  await Promise.all([tab(), tab()]);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('the dashboards, built from the demo data and opened in Chromium', () => {
  test('there is a page per task and per mini-program besides the five sections', async () => {
    const tasks = await snapshot(`select task_id from 'snapshot/task_overview.parquet'`);
    const programs = await snapshot(`select mini_program_id from 'snapshot/mini_programs.parquet'`);
    expect([...visits.keys()].sort()).toEqual(
      [
        '',
        '/data-quality',
        '/finance',
        '/mini-programs',
        '/tasks',
        ...tasks.map((row) => `/tasks/${row.task_id}`),
        ...programs.map((row) => `/mini-programs/${row.mini_program_id}`),
      ].sort(),
    );
  });

  test('no page logs a console error or shows an error', () => {
    for (const visit of visits.values()) {
      expect({ page: visit.path, errors: visit.consoleErrors }).toEqual({
        page: visit.path,
        errors: [],
      });
      expect(visit.text, visit.path).not.toMatch(/\berror\b/i);
    }
  });

  test('no request leaves 127.0.0.1', () => {
    const origin = new URL(url).origin;
    const elsewhere = browser.requests.filter(
      (request) => !request.startsWith(`${origin}/`) && !/^(data|blob):/.test(request),
    );
    expect(browser.requests.length).toBeGreaterThan(visits.size);
    expect(elsewhere).toEqual([]);
  });

  test('every page shows a table or a chart, and every chart is painted', () => {
    for (const visit of visits.values()) {
      expect(visit.tables.size + visit.charts.length, visit.path).toBeGreaterThan(0);
      for (const chart of visit.charts) {
        expect(chart.painted, `${visit.path}: blank chart`).toBeGreaterThan(1000);
      }
    }
    expect(visits.get('')!.charts).toHaveLength(1);
    expect(visits.get('/finance')!.charts).toHaveLength(1);
    expect(visits.get('/tasks/t012')!.charts).toHaveLength(3);
    expect(visits.get('/mini-programs/mp_02')!.charts).toHaveLength(1);
  });

  test('the finance page shows each batch file’s payable net, per batch and per payee', async () => {
    const batches = visits.get('/finance')!.tables.get('batches');
    const cycles = readdirSync(OUT)
      .map((name) => /^payout_(.+)\.csv$/.exec(name)?.[1])
      .filter((cycle) => cycle !== undefined);
    expect(cycles.length).toBeGreaterThan(0);
    for (const cycle of cycles) {
      const row = rowStarting(batches, cycle);
      const net = yuan(payableNetOfBatchFile(cycle));
      expect(row?.[batches!.headers.indexOf('Payable net')], cycle).toBe(net);
      expect(row?.[batches!.headers.indexOf('Paid')], cycle).toBe(net);
    }

    const latest = cycles.sort().at(-1)!;
    const payees = visits.get('/finance')!.tables.get('payees');
    expect(column(payees, 'Payable net').at(-1)).toBe(yuan(payableNetOfBatchFile(latest)));
    const [paid] = await snapshot(`select sum(paid_total)::varchar as paid
      from 'snapshot/payout_batches.parquet'`);
    expect(visits.get('')!.text).toContain(`Paid in batches\n\n${yuan(paid!.paid!)}`);
  });

  test('choosing another cycle shows that batch per payee, totalling its file', async () => {
    const page = await browser.context.newPage();
    try {
      await visit(page, url, '/finance');
      await page.getByRole('combobox', { name: 'Cycle' }).click();
      await page.getByRole('option', { name: '2025-04-A', exact: true }).click();
      const payees = page.getByTestId('DataTable-payees');
      await expect
        .poll(() => payees.locator('tr').last().innerText())
        .toContain(yuan(payableNetOfBatchFile('2025-04-A')));
    } finally {
      await page.close();
    }
  });

  test('a mini-program’s detail downloads as the rows of its income export', async () => {
    const [file] = readdirSync(OUT).filter((name) => /^income_mp_02_.*\.csv$/.test(name));
    const exported = parse(readFileSync(join(OUT, file!)), { columns: true }) as Record<
      string,
      string
    >[];
    const page = await browser.context.newPage();
    try {
      await visit(page, url, '/mini-programs/mp_02');
      const table = page.getByTestId('DataTable-income');
      await table.hover();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        table.getByRole('button', { name: 'Download' }).first().click(),
      ]);
      const downloaded = parse(readFileSync(await download.path()), {
        columns: true,
        bom: true,
      }) as Record<string, string>[];
      expect(Object.keys(downloaded[0]!)).toEqual(Object.keys(exported[0]!));
      // The download writes numbers as JavaScript prints them (`0`, not `0.00`).
      const numbers = (rows: Record<string, string>[]) =>
        rows.map((row) =>
          Object.values(row).map((value) => (/^-?[\d.]+$/.test(value) ? Number(value) : value)),
        );
      expect(numbers(downloaded)).toEqual(numbers(exported));
    } finally {
      await page.close();
    }
  });

  test('the tasks page lists every task with its commission and links to its page', async () => {
    const tasks = await snapshot(`select task_id, creator_commission::varchar as commission
      from 'snapshot/task_overview.parquet' order by task_id`);
    const table = visits.get('/tasks')!.tables.get('tasks');
    expect(column(table, 'Task')).toEqual(tasks.map((task) => task.task_id));
    expect(column(table, 'Commission')).toEqual(tasks.map((task) => yuan(task.commission!)));
  });

  test('a task’s page shows its totals and its top creator', async () => {
    const [top] = await snapshot(`select creator_id, creator_commission::varchar as commission
      from 'snapshot/task_top_creators.parquet' where task_id = 't012'
      order by creator_commission desc nulls last, creator_id limit 1`);
    const [task] = await snapshot(`select creator_commission::varchar as commission
      from 'snapshot/task_overview.parquet' where task_id = 't012'`);
    const visit = visits.get('/tasks/t012')!;
    expect(visit.text).toContain(`Commission\n\n${yuan(task!.commission!)}`);
    const creators = visit.tables.get('top_creators');
    expect(creators?.rows[0]?.[0]).toBe(top!.creator_id);
    expect(column(creators, 'Commission')[0]).toBe(yuan(top!.commission!));
  });

  test('the mini-programs page totals what developers net', async () => {
    const [total] = await snapshot(`select sum(developer_net)::varchar as net
      from 'snapshot/mini_program_income.parquet'`);
    const table = visits.get('/mini-programs')!.tables.get('mini_programs');
    expect(column(table, 'Developer net').at(-1)).toBe(yuan(total!.net!));
  });

  test('the data-quality page counts the rows read, rejected and left unattributed', async () => {
    const [loads] = await snapshot(`select sum(rows_read)::varchar as read,
        sum(rows_rejected)::varchar as rejected
      from 'snapshot/loads.parquet'`);
    const [unattributed] = await snapshot(`select sum(events)::varchar as events
      from 'snapshot/unattributed_by_reason.parquet'`);
    const visit = visits.get('/data-quality')!;
    const grouped = (count: string) => Number(count).toLocaleString('en-US');
    expect(column(visit.tables.get('loads'), 'Read').at(-1)).toBe(grouped(loads!.read!));
    expect(column(visit.tables.get('rejected'), 'Rows').at(-1)).toBe(grouped(loads!.rejected!));
    expect(column(visit.tables.get('unattributed'), 'Events').at(-1)).toBe(
      grouped(unattributed!.events!),
    );
  });
});
