import ExcelJS from 'exceljs';
import { createWriteStream } from 'node:fs';
const out = createWriteStream('/tmp/wt/dbg.xlsx');
const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
const ws = wb.addWorksheet('A');
const s = (ws as any).stream;
const zip = (wb as any).zip;
for (let i = 0; i < 400000; i++) {
  ws.addRow([`creator_${i}`, i + 0.125, '2025-01-02', i]).commit();
  if (i % 1000 === 0) await new Promise((r) => setImmediate(r));
  if (i % 50000 === 0) {
    const p = s.pipes[0];
    console.log(i, s.buffers.length, s.pipes.length, p?.constructor?.name, p?.writableLength, p?.readableLength, p?.writableNeedDrain, out.writableLength, out.bytesWritten, zip._queue?.length?.(), zip._module?.engine?.writableLength, zip._module?.engine?.readableLength, zip.readableLength);
  }
}
ws.commit(); await wb.commit();
