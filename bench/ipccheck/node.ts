// Cost of the structural IPC check (src/analytics/ipccheck.ts) next to decoding, on a valid
// 1,000,000-row x 10-column table in the kernel's shapes. No Python reference: the "ref" lines
// are apache-arrow's own decode of the same bytes (protocol in bench/run.ts).
// Usage: npm run bench -- ipccheck   (HUNT_BENCH_ROWS to change the row count)
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { checkIPC } from '../../src/analytics/ipccheck';
import { kernelShapedTable } from '../../src/analytics/__tests__/ipctables';
import { report, timeIt } from '../lib';

const ROWS = Number(process.env.HUNT_BENCH_ROWS ?? 1_000_000);

async function main(): Promise<void> {
  const table = kernelShapedTable(ROWS);
  for (const format of ['stream', 'file'] as const) {
    const bytes = tableToIPC(table, format);
    const figures = { rows: ROWS, bytes: bytes.byteLength, columns: table.numCols };
    const { seconds, cpuSeconds } = await timeIt(() => checkIPC(bytes), 20);
    const check = { ...figures, seconds, cpuSeconds, side: 'ours' };
    const decode = await timeIt(() => tableFromIPC(bytes), 20);
    const rows = await timeIt(() => tableFromIPC(bytes).toArray().length, 1);
    const refs = { tableFromIPC: decode, 'tableFromIPC + rows': rows };
    for (const [name, ref] of Object.entries(refs)) {
      const c = `${format}: check vs ${name}`;
      report({ case: c, ...check });
      report({
        case: c,
        ...figures,
        seconds: ref.seconds,
        cpuSeconds: ref.cpuSeconds,
        side: 'ref'
      });
    }
  }
}

void main();
