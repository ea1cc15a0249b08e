import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAX_COLUMNS = 80;

interface SqlFile {
  /** Relative to the project root, as failure messages name it. */
  path: string;
  text: string;
}

function sqlFiles(...dirs: string[]): SqlFile[] {
  return dirs.flatMap((dir) =>
    readdirSync(join(ROOT, dir))
      .filter((name) => name.endsWith('.sql'))
      .sort()
      .map((name) => {
        const path = `${dir}/${name}`;
        return { path, text: readFileSync(join(ROOT, path), 'utf8') };
      }),
  );
}

const models = sqlFiles('models/staging', 'models/intermediate', 'models/marts');
const audits = sqlFiles('models/audits');
const schema = sqlFiles('sql');

test('every model, audit and schema file keeps its lines within 80 columns, in code points', () => {
  const files = [...models, ...audits, ...schema];
  const tooLong = files.flatMap(({ path, text }) =>
    text.split(/\r?\n/).flatMap((line, index) => {
      const columns = [...line].length;
      return columns > MAX_COLUMNS ? [`${path}:${index + 1} has ${columns} columns`] : [];
    }),
  );

  expect(files.length).toBeGreaterThan(0);
  expect(tooLong, `lines over ${MAX_COLUMNS} columns:\n${tooLong.join('\n')}`).toEqual([]);
});

test('every model opens with its grain comment', () => {
  const missing = models.filter(({ text }) => !text.startsWith('-- one row per'));

  expect(models.length).toBeGreaterThan(0);
  expect(missing.map(({ path }) => path)).toEqual([]);
});

test('every model ends by selecting everything from its final CTE', () => {
  const missing = models.filter(({ text }) => !text.trim().endsWith('select * from final'));

  expect(missing.map(({ path }) => path)).toEqual([]);
});

test('every audit opens with a comment naming the rules it checks', () => {
  const missing = audits.filter(({ text }) => !text.startsWith('-- R'));

  expect(audits.length).toBeGreaterThan(0);
  expect(missing.map(({ path }) => path)).toEqual([]);
});
