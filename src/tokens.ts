// Cross-feature contracts: a feature uses another only through these tokens.
import { Token } from '@lumino/coreutils';
import { ISignal } from '@lumino/signaling';
import type { IDisposable } from '@lumino/disposable';
import type { Widget as LuminoWidget } from '@lumino/widgets';
import type { Kernel } from '@jupyterlab/services';
import type { Table } from 'apache-arrow';
import type {
  CommMessage,
  ITableInfo,
  JobArgs,
  JobName,
  JobResult,
  ProgressCallback
} from './protocol';

export const PLUGIN_PREFIX = 'jupyterlab-hunt';

export namespace HuntWorker {
  export interface IJob<T> {
    readonly id: number;
    readonly result: Promise<T>;
    cancel(): void;
  }

  /**
   * A table held by the worker, owned by whoever received it: `dispose()` drops it there.
   * After a worker restart the table is gone (`isLost`); `export()` then rejects.
   */
  export interface ITableHandle extends IDisposable {
    readonly id: number;
    readonly info: ITableInfo;
    readonly isLost: boolean;
    /** The table as Arrow IPC bytes, made by the worker (the table stays there). */
    export(): Promise<Uint8Array>;
    /** The table decoded on the main thread; decoded once, then the same Table. */
    table(): Promise<Table>;
  }

  /** What a job gives the main thread: a handle where the job makes a table. */
  export type Output<K extends JobName> =
    JobResult<K> extends ITableInfo ? ITableHandle : JobResult<K>;

  export interface IRunOptions {
    onProgress?: ProgressCallback;
  }
}

/** The one long-lived analytics Web Worker, reached through the jobs of `src/protocol.ts`. */
export interface IHuntWorker {
  /**
   * Start a job of the job map. Cancel asks the worker to stop; a job that does not stop
   * within a grace period gets the worker terminated and restarted (its tables are then
   * gone: `restarted` fires).
   */
  run<K extends JobName>(
    job: K,
    args: JobArgs<K>,
    options?: HuntWorker.IRunOptions
  ): HuntWorker.IJob<HuntWorker.Output<K>>;
  /**
   * Load Arrow IPC bytes into the worker (validated there); the caller owns the handle. A load
   * past `timeoutMs` restarts the worker and rejects with a message saying so.
   */
  load(bytes: Uint8Array, options?: { timeoutMs?: number }): Promise<HuntWorker.ITableHandle>;
  readonly restarted: ISignal<IHuntWorker, void>;
}
export const IHuntWorker = new Token<IHuntWorker>(
  `${PLUGIN_PREFIX}:IHuntWorker`,
  'The analytics Web Worker.'
);

export namespace KernelBridge {
  /** A message from the kernel's hunt comm (replies are matched to requests, not sent here). */
  export interface IMessage {
    kernel: Kernel.IKernelConnection;
    data: CommMessage.ITable | CommMessage.IRun | CommMessage.IRunCancel;
    buffers: Uint8Array[];
  }
  /** A kernel whose jupyterlab_hunt speaks another protocol version: what to do about it. */
  export interface IProtocolError {
    kernel: Kernel.IKernelConnection;
    message: string;
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
  /** A kernel speaks another protocol version (its comm is refused until it restarts). */
  readonly protocolError: ISignal<IKernelBridge, KernelBridge.IProtocolError>;
  /** Send a message; throws if the kernel has not imported jupyterlab_hunt. */
  send(
    kernel: Kernel.IKernelConnection,
    data: CommMessage.ToKernel,
    buffers?: Uint8Array[]
  ): Promise<void>;
  /**
   * Answer a kernel's `run` request on the control channel: the kernel is blocked in the
   * running cell, and ipykernel reads the shell channel only between cells.
   */
  sendControl(
    kernel: Kernel.IKernelConnection,
    data: CommMessage.RunReply,
    buffers?: Uint8Array[]
  ): Promise<void>;
  /** Put an Arrow table into `hunt.results[name]` in that kernel; resolves when the kernel has it. */
  sendTable(
    kernel: Kernel.IKernelConnection,
    name: string,
    ipc: Uint8Array
  ): Promise<{ rows: number; columns: number }>;
}
export const IKernelBridge = new Token<IKernelBridge>(
  `${PLUGIN_PREFIX}:IKernelBridge`,
  'Comm link to hunt kernels.'
);

export namespace TableViewer {
  /** What a table action sees when the user runs it from a table view. */
  export interface IActionContext {
    /** Title of the table the action runs on. */
    readonly title: string;
    /** The kernel variable holding the table, when known ("Insert code" names it). */
    readonly variable?: string | null;
    /** The table shown (all rows, in table order), decoded on the main thread. */
    readonly table: Table;
    /** Id of the table in the worker (loaded on demand). */
    tableId(): Promise<number>;
    /** Column names and Arrow type labels of the table. */
    readonly columns: { name: string; type: string }[];
    /** Columns the user selected in the grid (all columns when none are selected). */
    readonly selectedColumns: string[];
    /** Values of the selected cells as [column name, text] pairs. */
    readonly selectedCells: [string, string][];
    /** The table row of each selected cell (same order), for `cellText`. */
    readonly selectedCellRows?: readonly number[];
    /** Text of a cell of the view by row and column name; null when there is no such column. */
    cellText?(row: number, column: string): string | null;
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
    /** A first message in the view's status line (e.g. a summary of the result). */
    notice?: string;
  }

  /** Bytes (e.g. from the kernel), or a worker result whose handle the view then owns. */
  export type Source = { bytes: Uint8Array } | { handle: HuntWorker.ITableHandle };

  /** A table view embedded in another feature's view (e.g. the sessions or STL view). */
  export interface IView {
    readonly widget: LuminoWidget;
    /** The table shown (decoded once; the embedding view reads the same object). */
    readonly table: Table;
    sortBy(column: string, ascending: boolean): Promise<void>;
    /** Filter the rows by text, as the filter box does. */
    setFilter(text: string): Promise<void>;
  }
}

/** Opens Arrow tables in the main area and holds the actions table views offer. */
export interface ITableViewer {
  /** Open a worker result (the view adopts its handle) or IPC bytes in a main-area table view. */
  open(source: TableViewer.Source, options: TableViewer.IOpenOptions): Promise<void>;
  /** A table view to embed in another view; disposed (with the handle) with its widget. */
  createView(
    source: TableViewer.Source,
    options: TableViewer.IOpenOptions
  ): Promise<TableViewer.IView>;
  /** Add an action button to every table view (e.g. "Extract IoCs"). */
  addAction(action: TableViewer.IAction): IDisposable;
  readonly actions: readonly TableViewer.IAction[];
  readonly actionsChanged: ISignal<ITableViewer, void>;
}
export const ITableViewer = new Token<ITableViewer>(
  `${PLUGIN_PREFIX}:ITableViewer`,
  'Arrow table views and their actions.'
);

// ---------------------------------------------------------------------------------------
// Hunt sidebar, investigation context, entities and alert picker (issue 5).
// Kept in this separate section at the end of the file; see src/context, src/entities,
// src/alerts and src/sidebar for the implementations.
// ---------------------------------------------------------------------------------------

// Inline type imports keep this section independent of the imports at the top.
type PartialJSONValue = import('@lumino/coreutils').PartialJSONValue;
type Widget = import('@lumino/widgets').Widget;

export namespace HuntContext {
  export type TimeUnit = 'minute' | 'hour' | 'day' | 'week';

  /**
   * A query time range, as kept in notebook metadata `hunt.query_time` and sent to the kernel.
   * Relative: `origin` (ISO or "now"), `before`/`after` in `units`; `start`/`end` are then a
   * snapshot (metadata) or computed at send time (kernel). Absolute: `origin` and the amounts
   * are null. Times are ISO 8601 UTC.
   */
  export interface IQueryTimeSpec {
    start: string | null;
    end: string | null;
    origin: string | null;
    before: number | null;
    after: number | null;
    units: TimeUnit | null;
    label: string | null;
  }

  /** An entity of the investigation (msticpy entity type names and properties). */
  export interface IEntity {
    id: string;
    type: string;
    properties: { [key: string]: PartialJSONValue };
    pinned: boolean;
    selected: boolean;
    source: string;
  }

  export type Change = 'notebook' | 'query_time' | 'entities';
}

/** The investigation of the active notebook: its time range and entities (notebook metadata "hunt"). */
export interface IInvestigationContext {
  /** Path of the active notebook, null when no notebook is active. */
  readonly notebook: string | null;
  /** The time range in force (the notebook's, else the user's default). */
  readonly queryTime: HuntContext.IQueryTimeSpec;
  readonly entities: readonly HuntContext.IEntity[];
  /** Default range for notebooks that have none (from the time range settings). */
  defaultQueryTime: HuntContext.IQueryTimeSpec;
  readonly changed: ISignal<IInvestigationContext, HuntContext.Change>;
  /** Store a valid range in the active notebook; no-op without one. Callers validate first. */
  setQueryTime(spec: HuntContext.IQueryTimeSpec): void;
  setEntities(entities: readonly HuntContext.IEntity[]): void;
}
export const IInvestigationContext = new Token<IInvestigationContext>(
  `${PLUGIN_PREFIX}:IInvestigationContext`,
  'Time range and entities of the active notebook, kept in its metadata and sent to its kernel.'
);

export namespace Entities {
  /** An entity to add: msticpy type name (or alias) and properties. */
  export interface IInput {
    type: string;
    properties: { [key: string]: PartialJSONValue };
  }
  export interface IAddResult {
    added: number;
    /** Inputs equal (by msticpy ID properties) to an entity already there. */
    merged: number;
    /** Inputs rejected, by index, with the reason. */
    errors: { index: number; message: string }[];
  }
}

/** The entities of the active investigation, for "Add as entity" from tables, IoCs and alerts. */
export interface IEntities {
  readonly entities: readonly HuntContext.IEntity[];
  readonly changed: ISignal<IEntities, void>;
  /** Validate, de-duplicate and add; `source` says where they came from (e.g. "table:logons"). */
  add(entities: readonly Entities.IInput[], source: string): Entities.IAddResult;
  /** Entity type for a column name and value (e.g. "SrcIP", "10.0.0.1" -> "IpAddress"), or null. */
  inferType(column: string, value: string): string | null;
  /** An entity input from one cell (type inferred, properties built from the value), or null. */
  fromValue(column: string, value: string): Entities.IInput | null;
}
export const IEntities = new Token<IEntities>(
  `${PLUGIN_PREFIX}:IEntities`,
  'Entities of the active investigation.'
);

/** The left "Hunt" sidebar; each feature adds its collapsible section. */
export interface IHuntSidebar {
  /** Add a section (its `title.label` is the section header); lower rank sits higher. */
  addSection(widget: Widget, rank: number): void;
  /** Show the sidebar and expand the section. */
  activateSection(widget: Widget): void;
}
export const IHuntSidebar = new Token<IHuntSidebar>(
  `${PLUGIN_PREFIX}:IHuntSidebar`,
  'The Hunt sidebar.'
);

/** SelectAlert parity: browse a table of alerts (Sentinel SecurityAlert schema) and add their entities. */
export interface IAlertPicker {
  open(
    source: { bytes: Uint8Array } | { table: Table },
    options?: { title?: string }
  ): Promise<void>;
}
export const IAlertPicker = new Token<IAlertPicker>(
  `${PLUGIN_PREFIX}:IAlertPicker`,
  'Alert picker.'
);
