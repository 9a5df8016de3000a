// Messages between the primary analytics worker and its pool workers (sub-workers). Inputs
// and table results cross as Arrow IPC bytes, transferred, never copied or sent as rows.
import type { IColumnProfile } from '../../analytics/profile';
import type { IRowQuery } from '../../analytics/rows';
import type { IDecodeJobArgs, IExtractIocsArgs } from '../../protocol';
import type { IOutputTotals } from '../jobs/ioc';

/** A slice of a job: rows [start, end) of the stored table (or some columns of all rows). */
export interface ISliceArgs {
  /** Row of the stored table the slice's first row is (results carry stored-table rows). */
  start: number;
}

/** Per-slice task: its arguments and its result, by kind. */
export interface ISubTaskMap {
  ioc: {
    args: ISliceArgs & Omit<IExtractIocsArgs, 'tableId'>;
    /** The slice's result table (stored-table rows); its notes and output totals per column. */
    result: { table: Uint8Array; notes: string[][]; totals: IOutputTotals[] };
  };
  decode: {
    args: ISliceArgs & Omit<IDecodeJobArgs, 'tableId'>;
    /** One result table per column, in `columns` order. */
    result: { tables: Uint8Array[] };
  };
  filter: {
    args: ISliceArgs & Pick<IRowQuery, 'filterText' | 'columnFilters'>;
    /** Stored-table rows that pass, ascending. */
    result: Int32Array;
  };
  profile: {
    args: ISliceArgs;
    result: IColumnProfile[];
  };
}

export type SubTaskKind = keyof ISubTaskMap;

export interface IRunMessage<K extends SubTaskKind = SubTaskKind> {
  type: 'run';
  id: number;
  kind: K;
  args: ISubTaskMap[K]['args'];
  /** The slice as Arrow IPC (only the columns the task reads). */
  input: Uint8Array;
  /** Epoch ms past which the task stops with the job's budget error (0: none). */
  deadline: number;
  /** The job's whole budget, for the error message (the same one a single worker gives). */
  budgetMs: number;
  /** Int32Array over a SharedArrayBuffer: [0] != 0 means cancelled (when the platform has it). */
  cancelFlag?: Int32Array;
}

export type ToSubWorker = IRunMessage | { type: 'cancel'; id: number };

export type FromSubWorker =
  | { type: 'done'; id: number; result: unknown }
  | { type: 'error'; id: number; name: string; message: string }
  | { type: 'progress'; id: number; fraction: number };
