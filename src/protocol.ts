// The typed contract between the three places jupyterlab-hunt runs: the job map of the analytics
// worker (job name -> arguments -> result), the table info the worker describes tables with, the
// comm messages exchanged with the kernel, and the wire constants shared with Python
// (`jupyterlab_hunt/_constants.py`). Types and constants only: it imports nothing but
// analytics types, so every feature, the worker and the tests can depend on it.
import type { IProgress } from './analytics/job';
import type { IColumnProfile } from './analytics/profile';
import type { IRowQuery } from './analytics/rows';
import type { IScoreOptions, ISessionizeTableOptions } from './analytics/sessions';
import type { IDecodeLimits } from './analytics/decode';
import type { IPeriodTableOptions, IStlTableOptions } from './analytics/stl';

// -- Wire constants (keep equal to jupyterlab_hunt/_constants.py; tests compare them) --------

/** Comm target name used in both directions. */
export const COMM_TARGET = 'jupyterlab_hunt';
/** Version of the comm protocol; a kernel that says another version is refused with a message. */
export const PROTOCOL_VERSION = 1;
/** MIME type of `hunt.show(df)` outputs: base64 text of an Arrow IPC stream. */
export const MIME_TYPE = 'application/vnd.apache.arrow.stream';
/** Version of the metadata stored with that MIME type. */
export const MIME_METADATA_VERSION = 1;
/** Key of the notebook's context in every execute request's metadata (`IExecuteContext`). */
export const EXECUTE_METADATA_KEY = 'jupyterlab_hunt';
/** Version of the payload under that key. */
export const EXECUTE_CONTEXT_VERSION = 1;

// -- Tables in the worker ---------------------------------------------------------------------

export interface IColumnInfo {
  name: string;
  /** Arrow type label (`typeLabel` in analytics/arrow.ts). */
  type: string;
}

/** A table held by the worker, as the main thread knows it. */
export interface ITableInfo {
  id: number;
  numRows: number;
  columns: IColumnInfo[];
}

// -- Job arguments ----------------------------------------------------------------------------

/** Every job reads one stored table. */
export interface ITableArgs {
  tableId: number;
}

export interface IQueryRowsArgs extends ITableArgs, IRowQuery {}

export interface ITakeRowsArgs extends ITableArgs {
  /** Row indices into the table, in the order wanted. */
  rows: Int32Array;
}

export interface IExtractIocsArgs extends ITableArgs {
  columns: string[];
  types?: string[];
  parity?: 'msticpy';
  /** Characters scanned per cell (default 1,000,000; parity 50,000). */
  maxCellLength?: number;
}

export interface IDecodeJobArgs extends ITableArgs {
  /** Text columns to scan; each row of each column is one input text. */
  columns: string[];
  /** 'msticpy' reproduces base64unpack.unpack_df (columns and values). */
  parity?: 'msticpy';
  /** Parity mode only: msticpy's utf16 flag. */
  utf16?: boolean;
  limits?: Partial<IDecodeLimits>;
  /** Extract IoCs from decoded texts (default: on in default mode, off in parity mode). */
  iocs?: boolean;
}

export interface ISessionizeJobArgs extends ITableArgs, ISessionizeTableOptions {}

export interface IScoreSessionsJobArgs extends ITableArgs, Omit<IScoreOptions, 'model'> {
  /** A column of sessions (list<utf8>, list<struct<name, params>> or JSON text)... */
  sessionColumn?: string;
  /** ...or the columns of an event table to sessionize first. */
  userColumns?: string[];
  timeColumn?: string;
  commandColumn?: string;
  paramsColumn?: string;
  maxSessionMinutes?: number;
  maxGapMinutes?: number;
}

export interface IStlJobArgs extends ITableArgs, IStlTableOptions {}

export interface IStlPeriodsJobArgs extends ITableArgs, IPeriodTableOptions {}

// -- The job map ------------------------------------------------------------------------------

/**
 * Every job the worker runs: its arguments and its result. A job whose result is `ITableInfo`
 * made a new worker table; the main thread receives it as a table handle it owns. A new analysis
 * is one entry here plus one job file in `src/worker/jobs/` (see ARCHITECTURE.md).
 */
export interface IJobMap {
  profile: { args: ITableArgs; result: IColumnProfile[] };
  queryRows: { args: IQueryRowsArgs; result: Int32Array };
  takeRows: { args: ITakeRowsArgs; result: ITableInfo };
  extractIocs: { args: IExtractIocsArgs; result: ITableInfo };
  decode: { args: IDecodeJobArgs; result: ITableInfo };
  sessionize: { args: ISessionizeJobArgs; result: ITableInfo };
  scoreSessions: { args: IScoreSessionsJobArgs; result: ITableInfo };
  stlAnomalies: { args: IStlJobArgs; result: ITableInfo };
  stlPeriods: { args: IStlPeriodsJobArgs; result: ITableInfo };
}

export type JobName = keyof IJobMap;
export type JobArgs<K extends JobName> = IJobMap[K]['args'];
export type JobResult<K extends JobName> = IJobMap[K]['result'];
/** Jobs that make a table (their result reaches the main thread as a handle). */
export type TableJobName = {
  [K in JobName]: JobResult<K> extends ITableInfo ? K : never;
}[JobName];

export type ProgressCallback = (progress: IProgress) => void;

/**
 * The worker as the main thread reaches it (through comlink, so every call is async there).
 * Only the worker client (`src/worker/client.ts`) holds it; features use `IHuntWorker`.
 */
export interface IWorkerRemote {
  ping(): string;
  /** Decode Arrow IPC bytes (validated first) and keep the table. */
  load(bytes: Uint8Array): ITableInfo;
  /** The stored table as Arrow IPC bytes, transferred to the caller. */
  export(tableId: number): Uint8Array;
  drop(tableId: number): void;
  run<K extends JobName>(
    jobId: number,
    job: K,
    args: JobArgs<K>,
    onProgress?: ProgressCallback
  ): Promise<JobResult<K>>;
  cancel(jobId: number): void;
}

// -- Comm messages (kernel <-> frontend, over COMM_TARGET) ------------------------------------

export namespace CommMessage {
  /** Both directions: who is speaking, so a version mismatch is said, not suffered. */
  export interface IHello {
    op: 'hello';
    /** Package version of the sender (kernel side only). */
    version?: string;
    protocol?: number;
  }
  /** Kernel -> frontend: `hunt.open(df)`; buffers[0] is the Arrow IPC stream. */
  export interface ITable {
    op: 'table';
    title: string;
    name: string;
    /** The caller's variable holding the DataFrame, null when there is none. */
    source?: string | null;
  }
  /** Kernel -> frontend: a request was done. */
  export interface IAck {
    op: 'ack';
    request_id: string;
    name?: string;
    rows?: number;
    columns?: number;
  }
  /** Kernel -> frontend: a request failed (or a message could not be read). */
  export interface IError {
    op: 'error';
    request_id?: string | null;
    message: string;
  }
  /** Frontend -> kernel: put buffers[0] (Arrow IPC) into `hunt.results[name]`. */
  export interface IResult {
    op: 'result';
    name: string;
    request_id: string;
  }
  /** Frontend -> kernel: the notebook's investigation context. */
  export interface IContext {
    op: 'context';
    notebook: string | null;
    query_time: { [key: string]: string | number | null } | null;
    entities: { type: string; properties: { [key: string]: unknown } }[] | null;
    request_id?: string;
  }

  /**
   * Kernel -> frontend: `hunt.extract_iocs(df, ...)` and the other kernel calls of
   * `jupyterlab_hunt/kernel/reproduce.py`: run `job` on buffers[0] (Arrow IPC) in the worker.
   * The kernel blocks until `run_result` or `run_error`, which the frontend sends on the
   * control channel (the shell channel waits for the running cell; docs/kernel.md).
   */
  export interface IRun {
    op: 'run';
    request_id: string;
    job: ReproducibleJob;
    /** The job's arguments without `tableId` (the table is buffers[0]). */
    args: { [key: string]: unknown };
  }
  /** Kernel -> frontend: the cell waiting for `run` was interrupted; stop that job. */
  export interface IRunCancel {
    op: 'run_cancel';
    request_id: string;
  }
  /** Frontend -> kernel (control channel): the job started; the kernel waits for its result. */
  export interface IRunStarted {
    op: 'run_started';
    request_id: string;
  }
  /** Frontend -> kernel (control channel): the result table in buffers[0] (Arrow IPC). */
  export interface IRunResult {
    op: 'run_result';
    request_id: string;
    rows: number;
    columns: number;
  }
  /** Frontend -> kernel (control channel): the job failed; `message` says why. */
  export interface IRunError {
    op: 'run_error';
    request_id: string;
    message: string;
  }

  export type FromKernel = IHello | ITable | IRun | IRunCancel | IAck | IError;
  export type ToKernel = IHello | IResult | IContext;
  /** Replies to `run`, sent on the control channel (`IKernelBridge.sendControl`). */
  export type RunReply = IRunStarted | IRunResult | IRunError;
}

/** Jobs the kernel may ask for (`hunt.extract_iocs`, `hunt.decode`, ...): table in, table out. */
export const REPRODUCIBLE_JOBS = [
  'extractIocs',
  'decode',
  'scoreSessions',
  'stlAnomalies'
] as const;
export type ReproducibleJob = (typeof REPRODUCIBLE_JOBS)[number];

/**
 * The notebook's context carried in each execute request (under EXECUTE_METADATA_KEY), so the
 * first cell of a Run All sees it: the comm message would queue behind the execute requests.
 */
export interface IExecuteContext extends Omit<CommMessage.IContext, 'op' | 'request_id'> {
  protocol: number;
}

const FROM_KERNEL_OPS = ['hello', 'table', 'run', 'run_cancel', 'ack', 'error'];

/** The message as read from the wire, or null when it is not one of ours. */
export function readKernelMessage(data: unknown): CommMessage.FromKernel | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return null;
  }
  const op = (data as { op?: unknown }).op;
  return FROM_KERNEL_OPS.includes(op as string) ? (data as CommMessage.FromKernel) : null;
}

/** Why a kernel's protocol cannot be used with this frontend, or null when it can. */
export function protocolMismatch(hello: CommMessage.IHello): string | null {
  if (hello.protocol === PROTOCOL_VERSION) {
    return null;
  }
  const kernelSide = `jupyterlab_hunt ${hello.version ?? '(unknown version)'} in the kernel speaks protocol ${hello.protocol ?? '(none)'}`;
  const newer = typeof hello.protocol === 'number' && hello.protocol > PROTOCOL_VERSION;
  return (
    `${kernelSide}; this JupyterLab extension speaks protocol ${PROTOCOL_VERSION}. ` +
    (newer
      ? 'Upgrade the extension (pip install -U jupyterlab_hunt) and reload the page.'
      : 'Upgrade jupyterlab_hunt in the kernel environment and restart the kernel.')
  );
}
