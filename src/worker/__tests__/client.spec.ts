// The worker client: jobs by name, table handles owned by their holder, cancel, and the
// restart of a worker stuck in a job (with its tables gone and old handles told so).
import { makeTable, tableFromArrays } from 'apache-arrow';
import { decodeIPC, encodeIPC } from '../../analytics/arrow';
import { InProcessWorker } from './inprocess';

const logons = () =>
  tableFromArrays({
    Account: ['alice', 'bob', 'alice', 'mallory'],
    Count: Float64Array.from([3, 1, 2, 9])
  });

describe('HuntWorkerClient', () => {
  it('loads a table into a handle that exports it and drops it once when disposed', async () => {
    const w = new InProcessWorker();
    const handle = await w.client.load(encodeIPC(logons()));
    expect(handle.info.numRows).toBe(4);
    expect(
      decodeIPC(await handle.export())
        .getChild('Account')!
        .toArray()
    ).toEqual(['alice', 'bob', 'alice', 'mallory']);
    expect(w.service.tableCount).toBe(1);
    handle.dispose();
    handle.dispose();
    await Promise.resolve();
    expect(w.crossings.drops).toBe(1);
    expect(w.service.tableCount).toBe(0);
    await expect(handle.export()).rejects.toThrow(/released/);
  });

  it('gives a handle for a job that makes a table, a value for one that does not', async () => {
    const w = new InProcessWorker();
    const input = await w.client.load(encodeIPC(logons()));
    const rows = await w.client.run('queryRows', {
      tableId: input.id,
      sortColumn: 'Count',
      ascending: false
    }).result;
    expect(Array.from(rows)).toEqual([3, 0, 2, 1]);
    const taken = await w.client.run('takeRows', { tableId: input.id, rows }).result;
    expect(taken.info.numRows).toBe(4);
    const table = await taken.table();
    expect(await taken.table()).toBe(table);
    expect(w.crossings.exports).toBe(1);
    expect(table.getChild('Count')!.toArray()).toEqual(Float64Array.from([9, 3, 2, 1]));
    taken.dispose();
    input.dispose();
  });

  it('reports a job error with its message and keeps working', async () => {
    const w = new InProcessWorker();
    const input = await w.client.load(encodeIPC(logons()));
    await expect(
      w.client.run('extractIocs', { tableId: input.id, columns: ['Nope'] }).result
    ).rejects.toThrow(/Nope/);
    expect(await w.client.run('profile', { tableId: input.id }).result).toHaveLength(2);
  });

  it('restarts a worker stuck in a cancelled job; old handles are lost, not misread', async () => {
    jest.useFakeTimers();
    try {
      const w = new InProcessWorker();
      const restarted = jest.fn();
      w.client.restarted.connect(restarted);
      const old = await w.client.load(encodeIPC(logons()));
      w.stuck.add('profile');
      const job = w.client.run('profile', { tableId: old.id });
      const outcome = job.result.catch(err => err as Error);
      job.cancel();
      await jest.advanceTimersByTimeAsync(1500);
      expect(((await outcome) as Error).name).toBe('JobCancelled');
      expect(restarted).toHaveBeenCalledTimes(1);
      expect(w.crossings.terminated).toBe(1);
      expect(old.isLost).toBe(true);

      // The new worker numbers its tables from 1 again: disposing the old handle must not
      // drop the new table that has the same id.
      w.stuck.clear();
      const fresh = await w.client.load(encodeIPC(makeTable({ n: Int32Array.of(1, 2) })));
      expect(fresh.id).toBe(old.id);
      await expect(old.export()).rejects.toThrow(/restarted/);
      old.dispose();
      await Promise.resolve();
      expect(w.service.tableCount).toBe(1);
      expect(decodeIPC(await fresh.export()).numRows).toBe(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('cancels a job that reads its cancel without restarting the worker', async () => {
    const w = new InProcessWorker();
    const input = await w.client.load(encodeIPC(logons()));
    const job = w.client.run('profile', { tableId: input.id });
    job.cancel();
    await expect(job.result).rejects.toThrow(/cancelled/);
    expect(w.crossings.terminated).toBe(0);
    expect(input.isLost).toBe(false);
  });

  it('stops a load that takes too long and restarts the worker', async () => {
    jest.useFakeTimers();
    try {
      const w = new InProcessWorker();
      w.stuck.add('load');
      const loading = w.client.load(encodeIPC(logons()), { timeoutMs: 5000 }).catch(e => e);
      await jest.advanceTimersByTimeAsync(5001);
      const err = (await loading) as Error;
      expect(err.message).toBe(
        'Reading the table took longer than 5 s and was stopped; the analytics worker was restarted'
      );
      expect(w.crossings.terminated).toBe(1);
      w.stuck.clear();
      expect((await w.client.load(encodeIPC(logons()))).info.numRows).toBe(4);
    } finally {
      jest.useRealTimers();
    }
  });

  it('fails pending jobs when the worker dies instead of leaving them waiting', async () => {
    const w = new InProcessWorker();
    const input = await w.client.load(encodeIPC(logons()));
    w.stuck.add('profile');
    const job = w.client.run('profile', { tableId: input.id });
    w.crash('out of memory');
    await expect(job.result).rejects.toThrow(
      'The analytics worker stopped: out of memory; the analytics worker was restarted'
    );
    expect(input.isLost).toBe(true);
  });

  it('refuses work after dispose', async () => {
    const w = new InProcessWorker();
    w.client.dispose();
    expect(() => w.client.run('profile', { tableId: 1 })).toThrow(/disposed/);
  });
});
