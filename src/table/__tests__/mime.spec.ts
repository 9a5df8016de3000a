// Saved table outputs are hostile input: the worker reads them first, within a time bound, and
// the main thread decodes only what the worker accepted.
import { readFileSync } from 'fs';
import { join } from 'path';
import { tableFromArrays } from 'apache-arrow';
import * as arrow from '../../analytics/arrow';
import { InProcessWorker } from '../../worker/__tests__/inprocess';
import { readArrowOutput } from '../mime';

const HOSTILE = join(__dirname, '../../analytics/__tests__/fixtures/hostile-ipc');
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('readArrowOutput', () => {
  afterEach(() => jest.restoreAllMocks());

  it('reads a valid output through the worker and hands the view its worker copy', async () => {
    const w = new InProcessWorker();
    const table = tableFromArrays({ Host: ['web01', 'db02'], Logons: Int32Array.of(3, 9) });
    const source = await readArrowOutput(
      base64(arrow.encodeIPC(table)),
      { title: 'logons' },
      (bytes, options) => w.client.load(bytes, options)
    );
    expect(source.title).toBe('logons');
    expect(source.table.getChild('Host')!.toArray()).toEqual(['web01', 'db02']);
    expect(source.handle!.info.numRows).toBe(2);
    expect(w.crossings.loads).toBe(1);
  });

  it.each(
    JSON.parse(readFileSync(join(HOSTILE, 'manifest.json'), 'utf8')) as {
      file: string;
      error: string;
    }[]
  )('refuses $file in the worker, never decoding it here', async ({ file, error }) => {
    const w = new InProcessWorker();
    const bytes = new Uint8Array(readFileSync(join(HOSTILE, file)));
    const decode = jest.spyOn(arrow, 'decodeIPC');
    const reading = readArrowOutput(base64(bytes), undefined, (b, options) =>
      w.client.load(b, options)
    );
    await expect(reading).rejects.toThrow(error);
    // The one decode attempt is the worker's (in-process here), which refused the bytes.
    expect(decode).toHaveBeenCalledTimes(1);
  });

  it('refuses an output the worker cannot read in time, and the worker comes back', async () => {
    jest.useFakeTimers();
    try {
      const w = new InProcessWorker();
      w.stuck.add('load');
      const table = tableFromArrays({ n: Int32Array.of(1) });
      const reading = readArrowOutput(base64(arrow.encodeIPC(table)), undefined, (b, o) =>
        w.client.load(b, o)
      ).catch(e => e as Error);
      await jest.advanceTimersByTimeAsync(15_001);
      expect(((await reading) as Error).message).toMatch(
        /^Reading the table took longer than 15 s and was stopped/
      );
      w.stuck.clear();
      expect((await w.client.load(arrow.encodeIPC(table))).info.numRows).toBe(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('says what is wrong with an output that is not base64 text', async () => {
    const w = new InProcessWorker();
    await expect(readArrowOutput(42, undefined, (b, o) => w.client.load(b, o))).rejects.toThrow(
      /must be base64 text, got number/
    );
    expect(w.crossings.loads).toBe(0);
  });
});
