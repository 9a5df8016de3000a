// A kernel's run request through the in-process worker: the result table goes back as IPC, and
// every failure is a run_error naming it (never an unanswered kernel).
import { tableFromArrays } from 'apache-arrow';
import { decodeIPC, encodeIPC } from '../../analytics/arrow';
import type { CommMessage } from '../../protocol';
import { InProcessWorker } from '../../worker/__tests__/inprocess';
import { answerRun, cancelRun, RunningJobs } from '../handler';

function collect() {
  const replies: [CommMessage.RunReply, Uint8Array[] | undefined][] = [];
  const reply = async (data: CommMessage.RunReply, buffers?: Uint8Array[]) => {
    replies.push([data, buffers]);
  };
  return { replies, reply };
}

const input = encodeIPC(tableFromArrays({ msg: ['GET hxxp://evil[.]example/x from 10.0.6.5'] }));

describe('answerRun', () => {
  it('runs the job on the sent table and replies started, then the result table', async () => {
    const worker = new InProcessWorker();
    const { replies, reply } = collect();
    const request: CommMessage.IRun = {
      op: 'run',
      request_id: 'r1',
      job: 'extractIocs',
      args: { columns: ['msg'], tableId: 999 }
    };
    await answerRun(worker.client, request, [input], reply);
    expect(replies.map(([d]) => d.op)).toEqual(['run_started', 'run_result']);
    const [result, buffers] = replies[1];
    const table = decodeIPC(buffers![0]);
    expect(result).toEqual({
      op: 'run_result',
      request_id: 'r1',
      rows: table.numRows,
      columns: table.numCols
    });
    const types = table.getChild('IoCType')!.toArray();
    expect(types).toEqual(expect.arrayContaining(['ipv4', 'url']));
    expect(worker.crossings.jobs).toEqual(['extractIocs']);
    // The input and the result are dropped from the worker once answered.
    expect(worker.crossings.drops).toBe(2);
  });

  it('answers run_error for an unknown job, missing table or failing job', async () => {
    const worker = new InProcessWorker();
    const { replies, reply } = collect();
    const bad = (job: string, args: unknown): CommMessage.IRun =>
      ({ op: 'run', request_id: job, job, args }) as CommMessage.IRun;
    await answerRun(worker.client, bad('profile', {}), [input], reply);
    await answerRun(worker.client, bad('decode', ['x']), [input], reply);
    await answerRun(worker.client, bad('decode', { columns: ['msg'] }), [], reply);
    await answerRun(worker.client, bad('extractIocs', { columns: ['nope'] }), [input], reply);
    const errors = replies.filter(([d]) => d.op === 'run_error').map(([d]) => d);
    expect(errors.map(e => e.request_id)).toEqual(['profile', 'decode', 'decode', 'extractIocs']);
    const messages = errors.map(e => (e as CommMessage.IRunError).message);
    expect(messages[0]).toMatch(/"profile" is not an analysis the kernel can run/);
    expect(messages[1]).toMatch(/must be a JSON object/);
    expect(messages[2]).toMatch(/no Arrow table/);
    expect(messages[3]).toMatch(/nope/);
  });

  it('stops the job of a call the kernel interrupted (run_cancel) and answers run_error', async () => {
    const worker = new InProcessWorker();
    const { replies, reply } = collect();
    const running: RunningJobs = new Map();
    const request: CommMessage.IRun = {
      op: 'run',
      request_id: 'r9',
      job: 'extractIocs',
      args: { columns: ['msg'] }
    };
    const answered = answerRun(worker.client, request, [input], reply, running);
    expect([...running.keys()]).toEqual(['r9']);
    cancelRun(running, 'r9');
    cancelRun(running, 'unknown'); // a cancel for no running call is ignored
    await answered;
    expect(replies.map(([d]) => d.op)).toEqual(['run_started', 'run_error']);
    expect(running.size).toBe(0);
    expect(worker.crossings.jobs).toEqual([]);
  });
});
