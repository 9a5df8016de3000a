import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { Worker } from 'worker_threads';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { decodeIPC } from '../arrow';
import { checkIPC, IPCCheckError } from '../ipccheck';
import { ipcFields, overwrite } from './ipcfields';
import { kernelShapedTable } from './ipctables';
import { bestCpuMs } from './timing';

const FIXTURES = join(__dirname, 'fixtures');
const read = (dir: string, name: string) => new Uint8Array(readFileSync(join(FIXTURES, dir, name)));

/** The field named `name` in a valid stream or file. */
function field(bytes: Uint8Array, name: string) {
  const f = ipcFields(bytes).find(x => x.name === name);
  if (!f) {
    throw new Error(`no field ${name} in ${ipcFields(bytes).map(x => x.name)}`);
  }
  return f;
}

describe('checkIPC on valid data', () => {
  const dir = join(FIXTURES, 'valid-ipc');
  const files = readdirSync(dir).filter(f => /\.arrows?$/.test(f) && !f.startsWith('refused'));

  it.each(files)('passes %s (written by pyarrow / the kernel) and it decodes', name => {
    const bytes = read('valid-ipc', name);
    const summary = checkIPC(bytes);
    const table = decodeIPC(bytes);
    expect(summary.format).toBe(name.endsWith('.arrow') ? 'file' : 'stream');
    expect(summary.rows).toBe(table.numRows);
  });

  it.each(['stream', 'file'] as const)('passes tables apache-arrow writes as a %s', format => {
    for (const rows of [0, 1, 100]) {
      const bytes = tableToIPC(kernelShapedTable(rows), format);
      expect(checkIPC(bytes)).toMatchObject({ format, rows });
      expect(decodeIPC(bytes).numRows).toBe(rows);
    }
  });

  it('passes a stream that starts at an odd address (base64 decoded into a pooled Buffer)', () => {
    const bytes = tableToIPC(kernelShapedTable(10), 'stream');
    const shifted = new Uint8Array(bytes.byteLength + 3);
    shifted.set(bytes, 3);
    expect(checkIPC(shifted.subarray(3)).rows).toBe(10);
  });
});

describe('checkIPC names what is wrong', () => {
  const stream = tableToIPC(kernelShapedTable(100), 'stream');
  // messages: schema, dictionary for 'host', record batch
  const batch = 'message 2';

  it.each([
    [`${batch} length`, 2 ** 30, /record batch 0: the batches hold more than 50000000 rows/],
    [`${batch} length`, 101, /record batch 0, column 'id': 100 values, 101 expected/],
    [`${batch} node 4 length`, 1000, /record batch 0, column 'account': 1000 values, 100 expected/],
    [`${batch} node 4 null count`, 2 ** 31 - 1, /column 'account': null count 2147483647 exceeds/],
    [`${batch} node 0 length`, -1, /column 'id': length -1 is negative/],
    [`${batch} node count`, 2 ** 30, /record batch 0: field node count 1073741824 does not fit/],
    [`${batch} buffer 1 length`, 8, /column 'id': values buffer holds 8 bytes, needs 400/],
    [
      `${batch} buffer 1 offset`,
      2 ** 31 - 1,
      /column 'id': buffer 1 \(2147483647\+400\) is outside/
    ],
    [
      `${batch} buffer 1 offset`,
      2n ** 63n - 1n,
      /buffer 1 offset 9223372036854775807 is too large/
    ],
    [`${batch} body length`, 2 ** 30, /message 2: body length 1073741824, but \d+ bytes are left/],
    ['message 0 metadata length', 2 ** 31 - 1, /message 0: metadata length 2147483647, but/],
    ['message 0 field count', 2 ** 30, /message 0: field count 1073741824 does not fit/],
    ['message 0 field 6 child count', 2 ** 31 - 1, /field 'commands': child count 2147483647/],
    [
      'message 1 dictionary length',
      2 ** 30,
      /dictionary batch 0 \(id 0\), column 'computer': \d+ values, 1073741824 expected/
    ]
  ])('%s = %s', (name, value, message) => {
    const bad = overwrite(stream, field(stream, name), BigInt(value));
    expect(() => checkIPC(bad)).toThrow(IPCCheckError);
    expect(() => checkIPC(bad)).toThrow(message);
  });

  it('names the buffer that cannot hold what its column declares', () => {
    const rows = overwrite(stream, field(stream, `${batch} length`), BigInt(1000));
    const bad = overwrite(rows, field(stream, `${batch} node 0 length`), BigInt(1000));
    expect(() => checkIPC(bad)).toThrow(/column 'id': values buffer holds 400 bytes, needs 4000/);
    const offsets = overwrite(stream, field(stream, `${batch} buffer 9 length`), BigInt(3));
    expect(() => checkIPC(offsets)).toThrow(
      /column 'account': offsets buffer holds 3 bytes, needs 404/
    );
  });

  it('says where a truncated stream or file ends', () => {
    expect(() => checkIPC(stream.subarray(0, stream.byteLength - 20))).toThrow(
      /message 2: body length \d+, but \d+ bytes are left/
    );
    const file = tableToIPC(kernelShapedTable(5), 'file');
    expect(() => checkIPC(file.subarray(0, 100))).toThrow(/does not end with the ARROW1 magic/);
  });

  it('refuses data after an end-of-stream marker it cannot check (apache-arrow reads on)', () => {
    const eos = Uint8Array.of(255, 255, 255, 255, 0, 0, 0, 0);
    const schemaEnd = 8 + new DataView(stream.buffer, stream.byteOffset).getInt32(4, true);
    const joined = new Uint8Array([...stream.subarray(0, schemaEnd), ...eos]);
    expect(checkIPC(joined).rows).toBe(0);
    const junk = new Uint8Array([...joined, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(() => checkIPC(junk)).toThrow(/message \d+: metadata length/);
  });

  it('refuses compressed bodies, naming the codec', () => {
    for (const codec of ['zstd', 'lz4']) {
      const bytes = read('valid-ipc', `refused_${codec}.arrows`);
      expect(() => checkIPC(bytes)).toThrow(
        /(record|dictionary) batch 0[^:]*: the body is compressed \((ZSTD|LZ4_FRAME)\)/
      );
      expect(() => decodeIPC(bytes)).toThrow(
        /Arrow data is malformed or truncated: Arrow IPC: .*compressed/
      );
    }
  });

  it('applies the limits it is given', () => {
    const bytes = tableToIPC(kernelShapedTable(100), 'stream');
    expect(() => checkIPC(bytes, { maxRows: 99 })).toThrow(/more than 99 rows \(limit\)/);
    expect(() => checkIPC(bytes, { maxFields: 8 })).toThrow(/more than 8 fields \(limit\)/);
    expect(() => checkIPC(bytes, { maxDepth: 1 })).toThrow(
      /field 'item' is nested deeper than 1 levels/
    );
    expect(() => checkIPC(bytes, { maxBatches: 1 })).toThrow(/more than 1 batches \(limit\)/);
  });
});

/** A saved hostile output: a valid fixture with one field overwritten or one bit flipped. */
interface IHostile {
  file: string;
  from: string;
  field?: string;
  value?: string;
  bit?: number;
  without: string;
  error: string;
}

function remake(h: IHostile): Uint8Array {
  const from = read('valid-ipc', h.from);
  if (h.bit === undefined) {
    return overwrite(from, field(from, h.field!), BigInt(h.value!));
  }
  from[h.bit >> 3] ^= 1 << (h.bit & 7);
  return from;
}

describe('hostile outputs that froze or crashed the renderer (fixtures/hostile-ipc)', () => {
  const manifest: IHostile[] = JSON.parse(
    readFileSync(join(FIXTURES, 'hostile-ipc', 'manifest.json'), 'utf8')
  );

  it.each(manifest.map(h => [h.file, h] as const))('%s is refused quickly', (_name, h) => {
    const bytes = read('hostile-ipc', h.file);
    expect(Buffer.compare(remake(h), bytes)).toBe(0); // the saved bytes are what the manifest says
    const ms = bestCpuMs(() => expect(() => decodeIPC(bytes)).toThrow(h.error), 1);
    expect(ms).toBeLessThan(100);
  });

  // What the check prevents, so this test can fail: a billion rows, and a bad list offset.
  it.each(['rows-2p30.arrows', 'list-offset-bitflip.arrows'])(
    '%s hangs or exhausts memory without the check',
    async name => {
      const outcome = await uncheckedDecode(read('hostile-ipc', name), 3000);
      expect(outcome).toMatch(/timeout|memory/);
    }
  );
});

/** tableFromIPC and a read of every cell, without the check, in a worker that can be stopped. */
function uncheckedDecode(bytes: Uint8Array, timeoutMs: number): Promise<string> {
  const code = `
    const { parentPort, workerData } = require('worker_threads');
    const { tableFromIPC } = require(workerData.arrow);
    const t = tableFromIPC(workerData.bytes);
    for (const f of t.schema.fields) {
      const col = t.getChild(f.name);
      for (let i = 0; i < t.numRows; i++) String(col.get(i));
    }
    parentPort.postMessage('finished ' + t.numRows + ' rows');`;
  const worker = new Worker(code, {
    eval: true,
    workerData: { bytes, arrow: require.resolve('apache-arrow') },
    resourceLimits: { maxOldGenerationSizeMb: 256 }
  });
  return new Promise(resolve => {
    const timer = setTimeout(() => resolve('timeout'), timeoutMs);
    const done = (s: string) => {
      clearTimeout(timer);
      resolve(s);
    };
    worker.on('message', done);
    worker.on('error', e => done(/memory/i.test(String(e)) ? 'out of memory' : `threw ${e}`));
  }).finally(() => worker.terminate()) as Promise<string>;
}

describe('cost of the check next to decoding', () => {
  // A few reads per message and column, and one pass over list offsets. The 1,000,000 x 10
  // figures: `npm run bench -- ipccheck`.
  it('is small next to decoding and reading the rows', () => {
    const bytes = tableToIPC(kernelShapedTable(50_000), 'stream');
    const check = bestCpuMs(() => checkIPC(bytes), 5);
    const decode = bestCpuMs(() => tableFromIPC(bytes), 5);
    const read = bestCpuMs(() => tableFromIPC(bytes).toArray(), 1);
    console.log(
      `ipccheck on 50,000 rows x 10 columns: check ${check.toFixed(3)} ms, ` +
        `tableFromIPC ${decode.toFixed(3)} ms, tableFromIPC + every row ${read.toFixed(0)} ms ` +
        `(check / decode + rows = ${(check / read).toExponential(1)})`
    );
    expect(check).toBeLessThan(read / 10);
  });
});
