// Keeps each hunt kernel's `hunt.query_time` / `hunt.entities` equal to its notebook's context.
import type { Kernel } from '@jupyterlab/services';
import type { IDisposable } from '@lumino/disposable';
import type { HuntContext, IKernelBridge } from '../tokens';
import type { CommMessage } from '../protocol';
import { IHuntMetadata, readHunt } from './metadata';
import { IInvestigationDoc, InvestigationContextModel } from './model';
import { validateQueryTime, wireQueryTime } from '../common/querytime';

/**
 * A notebook's context as the kernel reads it (comm `context` message, execute metadata):
 * start/end computed at `now`; `query_time` null when the range is unusable.
 */
export function contextPayload(
  path: string,
  hunt: IHuntMetadata,
  defaults: HuntContext.IQueryTimeSpec,
  now: Date
): Omit<CommMessage.IContext, 'op'> {
  const spec = hunt.query_time ?? defaults;
  const queryTime = wireQueryTime(spec, now);
  const usable = queryTime && !validateQueryTime(spec, {}, now).some(e => e.field === 'range');
  return {
    notebook: path,
    query_time: usable ? (queryTime as unknown as CommMessage.IContext['query_time']) : null,
    entities: hunt.entities as unknown as CommMessage.IContext['entities']
  };
}

/** The `context` message for one notebook; null when its range is unusable (never sent). */
export function contextMessage(
  path: string,
  hunt: IHuntMetadata,
  defaults: HuntContext.IQueryTimeSpec,
  now: Date
): CommMessage.IContext | null {
  const payload = contextPayload(path, hunt, defaults, now);
  return payload.query_time === null ? null : { op: 'context', ...payload };
}

export interface IKernelSyncOptions {
  bridge: IKernelBridge;
  context: InvestigationContextModel;
  /** The notebook whose session runs this kernel. */
  docOf(kernel: Kernel.IKernelConnection): IInvestigationDoc | null;
  /** The kernel of the active notebook. */
  currentKernel(): Kernel.IKernelConnection | null;
  now?: () => Date;
}

export class KernelSync implements IDisposable {
  constructor(options: IKernelSyncOptions) {
    this._options = options;
    this._now = options.now ?? (() => new Date());
    options.context.changed.connect(this._onContextChanged, this);
    options.bridge.connected.connect(this._onConnected, this);
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._options.context.changed.disconnect(this._onContextChanged, this);
    this._options.bridge.connected.disconnect(this._onConnected, this);
  }

  /** Send the notebook's context again if it changed since the last send ("now" moves on). */
  refresh(kernel: Kernel.IKernelConnection | null): Promise<void> {
    return kernel ? this._send(kernel, false) : Promise.resolve();
  }

  private _onContextChanged(): void {
    void this.refresh(this._options.currentKernel());
  }

  private _onConnected(_: IKernelBridge, kernel: Kernel.IKernelConnection): void {
    // A new comm (first import, kernel restart, page reload) starts empty: always send.
    void this._send(kernel, true);
  }

  private async _send(kernel: Kernel.IKernelConnection, force: boolean): Promise<void> {
    const { bridge, context } = this._options;
    const doc = this._options.docOf(kernel);
    if (this._disposed || !doc || !bridge.isConnected(kernel)) {
      return;
    }
    const message = contextMessage(
      doc.path,
      readHunt(doc.metadata),
      context.defaultQueryTime,
      this._now()
    );
    if (!message) {
      return;
    }
    const text = JSON.stringify(message);
    if (!force && this._lastSent.get(kernel) === text) {
      return;
    }
    this._lastSent.set(kernel, text);
    try {
      await bridge.send(kernel, message);
    } catch (reason) {
      this._lastSent.delete(kernel);
      console.warn('jupyterlab-hunt: could not send the investigation context', reason);
    }
  }

  private _options: IKernelSyncOptions;
  private _now: () => Date;
  private _disposed = false;
  private _lastSent = new WeakMap<Kernel.IKernelConnection, string>();
}
