// Kernel -> browser transfer of a 1,000,000 x 8 DataFrame: our comm path (Arrow IPC in a
// binary buffer, `hunt.open(df)`) against the same frame as JSON records (a comm message
// whose data is `df.to_dict(orient="records")`, what a JSON widget protocol sends).
// Both run against a real Jupyter server and ipykernel; the client is @jupyterlab/services,
// the same code the browser runs, here in Node. Each case gets a fresh kernel and process.
import { spawn, spawnSync, ChildProcess } from 'child_process';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { randomBytes } from 'crypto';
import WebSocket from 'ws';
import { KernelManager, ServerConnection, Kernel } from '@jupyterlab/services';
import { tableFromIPC } from 'apache-arrow';
import { ROOT, maxRssMB } from '../lib';

const ROWS = Number(process.env.HUNT_BENCH_ROWS ?? 1_000_000);
const CASES = ['comm-arrow', 'json-records'] as const;
type Case = (typeof CASES)[number];

const MAKE_FRAME = `
import numpy as np, pandas as pd, resource
rng = np.random.default_rng(7)
n = ${ROWS}
df = pd.DataFrame({
    "TimeGenerated": pd.date_range("2024-01-01", periods=n, freq="s", tz="UTC"),
    "EventID": rng.integers(4600, 4700, n),
    "Bytes": rng.random(n) * 1e6,
    "Account": rng.choice(["alice", "bob", "carol", "NT AUTHORITY\\\\SYSTEM"], n),
    "Computer": pd.Categorical(rng.choice(["web01", "db02", "dc01"], n)),
    "Success": rng.random(n) > 0.1,
    "Port": pd.array(rng.integers(1, 65535, n), dtype="Int64"),
    "CommandLine": rng.choice(["cmd.exe /c whoami", "powershell -nop -w hidden", "svchost.exe -k netsvcs"], n),
})
`;

const SEND: Record<Case, string> = {
  'comm-arrow': 'from jupyterlab_hunt import hunt\nhunt.open(df, title="bench")',
  'json-records': `
from comm import create_comm
records = df.assign(TimeGenerated=df.TimeGenerated.astype(str), Computer=df.Computer.astype(str), Port=df.Port.astype(object).where(df.Port.notna(), None)).to_dict(orient="records")
c = create_comm(target_name="jupyterlab_hunt", data={"op": "hello"})
c.send(data={"op": "records", "records": records})
`
};

/** ws refuses messages over 100 MB by default; JSON records of a million rows are larger. */
class LargeMessageWebSocket extends WebSocket {
  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols, { maxPayload: 2 ** 32 });
  }
}

async function startServer(): Promise<{
  proc: ChildProcess;
  settings: ServerConnection.ISettings;
}> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const token = randomBytes(16).toString('hex');
  const proc = spawn(
    join(ROOT, '.venv/bin/jupyter'),
    [
      'server',
      '--no-browser',
      `--port=${port}`,
      '--ip=127.0.0.1',
      `--IdentityProvider.token=${token}`,
      '--allow-root',
      `--ServerApp.root_dir=${mkdtempSync(join(tmpdir(), 'hunt-bench-'))}`
    ],
    { env: { ...process.env, PYTHONPATH: ROOT }, stdio: 'ignore' }
  );
  const baseUrl = `http://127.0.0.1:${port}/`;
  const settings = ServerConnection.makeSettings({
    baseUrl,
    wsUrl: `ws://127.0.0.1:${port}/`,
    token,
    WebSocket: LargeMessageWebSocket as any,
    appendToken: true
  });
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`${baseUrl}api/status?token=${token}`);
      if (res.ok) {
        return { proc, settings };
      }
    } catch {
      // not up yet
    }
    await new Promise(r => setTimeout(r, 300));
  }
  proc.kill();
  throw new Error('jupyter server did not start');
}

async function execute(kernel: Kernel.IKernelConnection, code: string): Promise<void> {
  const reply = await kernel.requestExecute({ code }).done;
  if (reply.content.status !== 'ok') {
    throw new Error(`kernel error: ${JSON.stringify(reply.content)}`);
  }
}

async function runCase(which: Case): Promise<void> {
  const { proc, settings } = await startServer();
  const manager = new KernelManager({ serverSettings: settings });
  const kernel = await manager.startNew({ name: 'python3' });
  try {
    await execute(kernel, MAKE_FRAME);
    let received: (value: { rows: number; bytes: number }) => void;
    const done = new Promise<{ rows: number; bytes: number }>(r => (received = r));
    kernel.registerCommTarget('jupyterlab_hunt', comm => {
      comm.onMsg = msg => {
        const data = msg.content.data as any;
        if (data.op === 'table') {
          const dv = msg.buffers![0] as DataView;
          const bytes = new Uint8Array(dv.buffer, dv.byteOffset, dv.byteLength);
          const table = tableFromIPC(bytes);
          received({ rows: table.numRows, bytes: bytes.byteLength });
        } else if (data.op === 'records') {
          received({ rows: data.records.length, bytes: JSON.stringify(data.records).length });
        }
      };
    });
    (global as any).gc?.();
    const rssBefore = maxRssMB();
    const t0 = process.hrtime.bigint();
    await execute(kernel, SEND[which]);
    const { rows, bytes } = await done;
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (rows !== ROWS) {
      throw new Error(`${which}: received ${rows} rows, expected ${ROWS}`);
    }
    const kernelRss = await kernelMaxRss(kernel);
    console.log(
      JSON.stringify({
        case: `kernel->browser ${ROWS} x 8`,
        side: which === 'comm-arrow' ? 'ours' : 'ref',
        path: which,
        seconds,
        rows,
        bytes,
        maxRssMB: maxRssMB(),
        clientGrowthMB: maxRssMB() - rssBefore,
        kernelMaxRssMB: kernelRss
      })
    );
  } finally {
    await kernel.shutdown().catch(() => undefined);
    manager.dispose();
    proc.kill();
  }
}

async function kernelMaxRss(kernel: Kernel.IKernelConnection): Promise<number> {
  const future = kernel.requestExecute({
    code: 'import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)'
  });
  let text = '';
  future.onIOPub = msg => {
    if (msg.header.msg_type === 'stream') {
      text += (msg.content as any).text;
    }
  };
  await future.done;
  return Number(text.trim());
}

async function main(): Promise<void> {
  const which = process.argv[2] as Case | undefined;
  if (which && (CASES as readonly string[]).includes(which)) {
    await runCase(which);
    return;
  }
  // One process per case so peak memory figures do not mix.
  for (const c of CASES) {
    const res = spawnSync(process.execPath, [...process.execArgv, __filename, c], {
      stdio: ['ignore', 'inherit', 'inherit']
    });
    if (res.status !== 0) {
      process.exit(res.status ?? 1);
    }
  }
}

main().then(
  () => process.exit(0),
  err => {
    console.error(err);
    process.exit(1);
  }
);
