import { writeXlsxFile } from './pipelines/exports/writers.ts';
import { readdirSync } from 'node:fs';
const cols = [{ name: 'name', kind: 'text' as const }, { name: 'amt', kind: 'money' as const }];
function* rows(n: number) { for (let i = 0; i < n; i++) yield [`c_${i}`, i === n - 1 ? 'bad' : `${i}.5`]; }
try { await writeXlsxFile('/tmp/wt/bad.xlsx', [{ name: 'A', columns: cols, rows: rows(50000) }]); } catch (e) { console.log('caught', (e as Error).message); }
await new Promise((r) => setTimeout(r, 1000));
console.log(readdirSync('/tmp/wt').filter((f) => f.startsWith('bad')), 'still alive');
