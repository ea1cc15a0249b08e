import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

// The functions given to `page.evaluate` run in the page; the project compiles without the
// DOM's types, so the little of the DOM they use is declared here.
interface PageNode {
  innerText: string;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): Iterable<PageNode>;
}
interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
  } | null;
}
declare const document: {
  body: PageNode;
  querySelectorAll(selector: string): Iterable<PageNode> & { length: number };
};

/** Debian's Chromium; playwright-core never downloads a browser. */
export const CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** What one page showed: its text, its tables by query name, its charts, what went wrong. */
export interface PageVisit {
  path: string;
  text: string;
  tables: Map<string, Table>;
  charts: { width: number; height: number; painted: number }[];
  consoleErrors: string[];
}

export interface Table {
  headers: string[];
  rows: string[][];
}

/** Chromium in a fresh profile, recording every request URL of every page and worker. */
export async function openBrowser(): Promise<{
  context: BrowserContext;
  requests: string[];
  close(): Promise<void>;
}> {
  const profile = mkdtempSync(join(tmpdir(), 'xinghuo-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    viewport: { width: 1440, height: 900 },
    // Dates must not move with the reader's time zone: read them from the other side of the world.
    timezoneId: 'America/Los_Angeles',
    acceptDownloads: true,
  });
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, requests, close };
}

/** Opens `url`, waits until every query has rendered, and reads what the page shows. */
export async function visit(page: Page, url: string, path: string): Promise<PageVisit> {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) consoleErrors.push(`${response.status()} ${response.url()}`);
  });

  // A query still running shows a pulsing skeleton; ECharts then animates for about a second.
  const settled = () => document.querySelectorAll('.animate-pulse').length === 0;
  await page.goto(new URL(path.replace(/^\//, ''), url).href, { waitUntil: 'load' });
  await page.waitForFunction(settled);
  await page.waitForTimeout(1000);
  await page.waitForFunction(settled);

  const tables = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid^="DataTable-"]')].map((element) => {
      const cells = (row: PageNode, selector: string) =>
        [...row.querySelectorAll(selector)].map((cell) => cell.innerText.trim());
      return {
        name: element.getAttribute('data-testid')!.replace(/^DataTable-/, ''),
        headers: cells(element, 'th[role="columnheader"]'),
        rows: [...element.querySelectorAll('tr')]
          .map((row) => cells(row, 'td[role="cell"]'))
          .filter((row) => row.length > 0),
      };
    }),
  );
  const charts = await page.evaluate(() =>
    [...document.querySelectorAll('[_echarts_instance_] canvas')].map((node) => {
      const canvas = node as unknown as PageCanvas;
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      for (let index = 3; index < pixels.length; index += 4) if (pixels[index]! > 0) painted++;
      return { width: canvas.width, height: canvas.height, painted };
    }),
  );
  const text = await page.evaluate(() => document.body.innerText);
  return {
    path,
    text,
    tables: new Map(tables.map(({ name, headers, rows }) => [name, { headers, rows }])),
    charts,
    consoleErrors,
  };
}

/** The cells of the column titled `title` (as the table shows it), the total row included. */
export function column(table: Table | undefined, title: string): string[] {
  if (!table) throw new Error(`no such table; the page has other tables`);
  const index = table.headers.indexOf(title);
  if (index < 0) throw new Error(`no column \`${title}\` in ${table.headers.join(', ')}`);
  return table.rows.map((row) => row[index] ?? '');
}

/** The row whose first cell is `first`. */
export function rowStarting(table: Table | undefined, first: string): string[] | undefined {
  return table?.rows.find((row) => row[0] === first);
}
