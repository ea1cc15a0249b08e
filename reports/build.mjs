// Builds the Evidence site: `evidence sources` (Parquet snapshot -> Evidence's data), then
// `evidence build` (pages -> reports/build). Evidence exits 0 when a source query or a page
// query fails, so the log of both steps is teed to the terminal and to a file and scanned:
// any line saying a query, source or page failed fails the build.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const evidence = join(here, 'node_modules', '@evidence-dev', 'evidence', 'cli.js');
const logFile = join(here, '.evidence', 'reports-build.log');

/** Lines that mean a source, a page query or a page failed, though Evidence exits 0. */
export const FAILURE_PATTERNS = [
  /✖/, // ora's failure mark: a source query that failed (`✖ Error: IO Error: …`)
  /Error connecting to datasource/i,
  /Could not find matching datasource plugin/i,
  /Error in Query!/i, // a page query that failed while prerendering (`name | Error in Query! …`)
  /Failed to render queries via SSR/i,
  /Unable to load source manifest/i,
  /\bBuild failed\b/i,
];

/** Returns the log lines that match a failure pattern. */
export function failuresIn(log) {
  return log.split('\n').filter((line) => FAILURE_PATTERNS.some((pattern) => pattern.test(line)));
}

function run(args, log) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [evidence, ...args], {
      cwd: here,
      // A NODE_ENV other than production (vitest sets `test`) makes Vite build the dev-only
      // menu, whose links to the SQL console break the prerendering.
      env: { ...process.env, NODE_ENV: 'production', FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    const tee = (chunk) => {
      text += chunk;
      process.stdout.write(chunk);
      log.write(chunk);
    };
    child.stdout.on('data', tee);
    child.stderr.on('data', tee);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), text }));
  });
}

function fail(message) {
  console.error(`reports: ${message}`);
  process.exit(1);
}

async function main() {
  if (!existsSync(evidence)) fail('Evidence is not installed: run `npm run reports:install`');
  const snapshot = join(here, 'snapshot');
  if (!existsSync(snapshot) || !readdirSync(snapshot).some((name) => name.endsWith('.parquet'))) {
    fail('no Parquet snapshot in `reports/snapshot`: run `npm run reports:publish` first');
  }

  mkdirSync(join(here, '.evidence'), { recursive: true });
  rmSync(join(here, 'build'), { recursive: true, force: true });
  const log = createWriteStream(logFile);

  for (const step of ['sources', 'build']) {
    const started = Date.now();
    const { code, text } = await run([step], log);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const failures = failuresIn(text);
    if (code !== 0 || failures.length > 0) {
      log.end();
      const detail = failures.slice(0, 10).map((line) => `  ${line.trim()}`);
      fail(
        [`evidence ${step} failed after ${seconds} s (exit ${code}); log: \`${logFile}\``]
          .concat(detail)
          .join('\n'),
      );
    }
    console.log(`reports: evidence ${step} done in ${seconds} s`);
  }

  log.end();
  if (!existsSync(join(here, 'build', 'index.html'))) fail('evidence build wrote no index.html');
  console.log('reports: site built in reports/build; open it with `npm run reports:serve`');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
