// The frontend side of `hunt.extract_iocs(df, ...)` and the other kernel calls: a kernel's
// `run` request runs the job on the table it sent, in the worker, and the result table goes back
// as Arrow IPC. Replies travel on the control channel (the kernel is blocked in its cell).
import type { Kernel } from '@jupyterlab/services';
import { messageOf } from '../analytics/arrow';
import { CommMessage, REPRODUCIBLE_JOBS, ReproducibleJob } from '../protocol';
import type { HuntWorker, IHuntWorker, IKernelBridge, KernelBridge } from '../tokens';

type Reply = (data: CommMessage.RunReply, buffers?: Uint8Array[]) => Promise<void>;

/** A run being answered: a kernel's `run_cancel` (Interrupt) stops its job. */
interface IRunning {
  cancelled: boolean;
  job?: HuntWorker.IJob<unknown>;
}

/** Runs being answered, by request id. */
export type RunningJobs = Map<string, IRunning>;

/** Stop the job of an interrupted call (the kernel no longer waits for its reply). */
export function cancelRun(running: RunningJobs, requestId: string): void {
  const run = running.get(requestId);
  if (run) {
    run.cancelled = true;
    run.job?.cancel();
  }
}

/** The job and arguments of a request, or an error naming what is wrong with it. */
export function readRunRequest(data: CommMessage.IRun): { job: ReproducibleJob; args: object } {
  if (!(REPRODUCIBLE_JOBS as readonly string[]).includes(data.job)) {
    throw new Error(
      `"${String(data.job)}" is not an analysis the kernel can run (one of ${REPRODUCIBLE_JOBS.join(', ')})`
    );
  }
  const args = data.args;
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw new Error('The arguments of a run request must be a JSON object');
  }
  // The table is the one sent in buffers[0], never a worker table the kernel names.
  const rest: { [key: string]: unknown } = { ...args };
  delete rest.tableId;
  return { job: data.job, args: rest };
}

/** Run one request and answer it; every failure becomes a `run_error` naming it. */
export async function answerRun(
  worker: IHuntWorker,
  data: CommMessage.IRun,
  buffers: Uint8Array[],
  reply: Reply,
  running: RunningJobs = new Map()
): Promise<void> {
  const request_id = data.request_id;
  const run: IRunning = { cancelled: false };
  running.set(request_id, run);
  let input: HuntWorker.ITableHandle | null = null;
  try {
    const { job, args } = readRunRequest(data);
    if (!buffers[0]) {
      throw new Error('The run request carried no Arrow table in buffers[0]');
    }
    await reply({ op: 'run_started', request_id });
    input = await worker.load(buffers[0]);
    if (run.cancelled) {
      throw new Error('The kernel interrupted the call');
    }
    run.job = worker.run(job, { ...args, tableId: input.id } as never);
    const result = (await run.job.result) as HuntWorker.ITableHandle;
    try {
      const bytes = await result.export();
      const { numRows, columns } = result.info;
      await reply({ op: 'run_result', request_id, rows: numRows, columns: columns.length }, [
        bytes
      ]);
    } finally {
      result.dispose();
    }
  } catch (err) {
    await reply({ op: 'run_error', request_id, message: messageOf(err) });
  } finally {
    running.delete(request_id);
    input?.dispose();
  }
}

/** Answer every kernel's run requests (the bridge's `received` signal). */
export function serveRuns(worker: IHuntWorker, bridge: IKernelBridge): void {
  const running: RunningJobs = new Map();
  bridge.received.connect((_, msg: KernelBridge.IMessage) => {
    if (msg.data.op === 'run_cancel') {
      cancelRun(running, msg.data.request_id);
      return;
    }
    if (msg.data.op !== 'run') {
      return;
    }
    const kernel: Kernel.IKernelConnection = msg.kernel;
    const reply: Reply = (data, buffers) => bridge.sendControl(kernel, data, buffers);
    answerRun(worker, msg.data, msg.buffers, reply, running).catch(err =>
      console.error(`jupyterlab-hunt: could not answer the kernel's run: ${messageOf(err)}`)
    );
  });
}
