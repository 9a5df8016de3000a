// Cross-feature contracts: a feature uses another only through these tokens.
import { Token } from '@lumino/coreutils';
import { ISignal } from '@lumino/signaling';
import type { IDisposable } from '@lumino/disposable';
import { Remote } from 'comlink';
import type { Kernel } from '@jupyterlab/services';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import type { HuntWorkerApi } from './worker/api';

export const PLUGIN_PREFIX = 'jupyterlab-hunt';
/** Comm target shared with `jupyterlab_hunt.kernel` (keep in sync with kernel/comm.py). */
export const COMM_TARGET = 'jupyterlab_hunt';

export namespace HuntWorker {
  export interface IJob<T> {
    readonly id: number;
    readonly result: Promise<T>;
    cancel(): void;
  }
}

/** The one long-lived analytics Web Worker. */
export interface IHuntWorker {
  /** The worker API; calls on it are comlink round trips. */
  readonly api: Remote<HuntWorkerApi>;
  /**
   * Start a cancellable job. `run` receives a fresh job id to pass to the API method.
   * Cancel asks the worker to stop; a job that does not stop within a grace period gets
   * the worker terminated and restarted (its tables are then gone: `restarted` fires).
   */
  job<T>(run: (api: Remote<HuntWorkerApi>, jobId: number) => Promise<T>): HuntWorker.IJob<T>;
  readonly restarted: ISignal<IHuntWorker, void>;
}
export const IHuntWorker = new Token<IHuntWorker>(`${PLUGIN_PREFIX}:IHuntWorker`, 'The analytics Web Worker.');

export namespace KernelBridge {
  /** A message from the kernel's hunt comm: JSON data plus binary buffers (Arrow IPC). */
  export interface IMessage {
    kernel: Kernel.IKernelConnection;
    data: ReadonlyPartialJSONObject;
    buffers: Uint8Array[];
  }
}

/** The comm link to every kernel that imported `jupyterlab_hunt`. */
export interface IKernelBridge {
  /** Kernels whose hunt comm is open. */
  isConnected(kernel: Kernel.IKernelConnection): boolean;
  /** Fires when a kernel's hunt comm opens (after import or after a page reload). */
  readonly connected: ISignal<IKernelBridge, Kernel.IKernelConnection>;
  /** Every message from any kernel's hunt comm. */
  readonly received: ISignal<IKernelBridge, KernelBridge.IMessage>;
  /** Send a message; throws if the kernel has not imported jupyterlab_hunt. */
  send(kernel: Kernel.IKernelConnection, data: ReadonlyPartialJSONObject, buffers?: Uint8Array[]): Promise<void>;
  /** Put an Arrow table into `hunt.results[name]` in that kernel; resolves when the kernel has it. */
  sendTable(kernel: Kernel.IKernelConnection, name: string, ipc: Uint8Array): Promise<{ rows: number; columns: number }>;
}
export const IKernelBridge = new Token<IKernelBridge>(`${PLUGIN_PREFIX}:IKernelBridge`, 'Comm link to hunt kernels.');

export namespace TableViewer {
  /** What a table action sees when the user runs it from a table view. */
  export interface IActionContext {
    /** Title of the table the action runs on. */
    readonly title: string;
    /** Id of the table in the worker (loaded on demand). */
    tableId(): Promise<number>;
    /** Column names and Arrow type labels of the table. */
    readonly columns: { name: string; type: string }[];
    /** Columns the user selected in the grid (all columns when none are selected). */
    readonly selectedColumns: string[];
    /** Values of the selected cells as [column name, text] pairs. */
    readonly selectedCells: [string, string][];
    /** The kernel of the notebook the view belongs to, if any. */
    readonly kernel: Kernel.IKernelConnection | null;
    /** Show a message in the view's status line. */
    notify(message: string, isError?: boolean): void;
  }

  export interface IAction {
    id: string;
    label: string;
    caption?: string;
    run(context: IActionContext): Promise<void>;
  }

  export interface IOpenOptions {
    title: string;
    /** Kernel that results of this table go to with "Send to kernel". */
    kernel?: Kernel.IKernelConnection | null;
  }
}

/** Opens Arrow tables in the main area and holds the actions table views offer. */
export interface ITableViewer {
  /** Open a worker table (by id) or IPC bytes in a main-area table view. */
  open(source: { tableId: number } | { bytes: Uint8Array }, options: TableViewer.IOpenOptions): Promise<void>;
  /** Add an action button to every table view (e.g. "Extract IoCs"). */
  addAction(action: TableViewer.IAction): IDisposable;
  readonly actions: readonly TableViewer.IAction[];
  readonly actionsChanged: ISignal<ITableViewer, void>;
}
export const ITableViewer = new Token<ITableViewer>(`${PLUGIN_PREFIX}:ITableViewer`, 'Arrow table views and their actions.');
