// Serves the built site (reports/build) on 127.0.0.1 with nothing but node:http.
// Usage: node reports/serve.mjs [--port N] [--dir PATH]; port 0 picks a free one.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.parquet': 'application/vnd.apache.parquet',
  '.arrow': 'application/vnd.apache.arrow.file',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

function fileOf(root, pathname) {
  const wanted = normalize(join(root, decodeURIComponent(pathname)));
  if (wanted !== root && !wanted.startsWith(root + sep)) return undefined;
  // Evidence writes a page as `page.html` or `page/index.html`; try both.
  for (const candidate of [wanted, `${wanted}.html`, join(wanted, 'index.html')]) {
    const stat = statSync(candidate, { throwIfNoEntry: false });
    if (stat?.isFile()) return candidate;
  }
  return undefined;
}

/**
 * Starts a static server for `dir` on 127.0.0.1 and resolves with it and its URL once it
 * listens. It serves files only: no directory listings, no single-page fallback.
 */
export function serveBuild(dir, port = 0) {
  const root = resolve(dir);
  const server = createServer((request, response) => {
    let file;
    try {
      file = fileOf(root, new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      file = undefined;
    }
    if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) {
      const notFound = fileOf(root, '/404.html');
      response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      if (notFound && request.method === 'GET') createReadStream(notFound).pipe(response);
      else response.end('not found\n');
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
      'cache-control': 'no-cache',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolvePromise({ server, url: `http://127.0.0.1:${address.port}/` });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '3000' }, dir: { type: 'string' } },
  });
  const dir = values.dir ?? join(here, 'build');
  if (!statSync(join(dir, 'index.html'), { throwIfNoEntry: false })) {
    console.error(`reports:serve: no site in \`${dir}\`: run \`npm run reports\` first`);
    process.exit(1);
  }
  const port = Number(values.port);
  serveBuild(dir, port)
    .then(({ url }) => console.log(`serving ${dir} at ${url} (Ctrl+C stops)`))
    .catch((error) => {
      console.error(`reports:serve: cannot listen on 127.0.0.1:${port}: ${error.message}`);
      process.exit(1);
    });
}
