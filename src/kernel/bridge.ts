// The comm link to `jupyterlab_hunt.kernel` in every notebook kernel. The kernel opens the
// comm when `hunt` is first used; after a page reload the kernel's comm is still alive, so
// the bridge asks the kernel for open comms and, if there are any, opens a fresh one.
import { Kernel, KernelMessage } from '@jupyterlab/services';
import { ISessionContext } from '@jupyterlab/apputils';
import { PromiseDelegate, ReadonlyPartialJSONObject, UUID } from '@lumino/coreutils';
import { ISignal, Signal } from '@lumino/signaling';
import { COMM_TARGET, IKernelBridge, KernelBridge } from '../tokens';
import { bytesOf } from '../analytics/arrow';

interface IPending {
  delegate: PromiseDelegate<ReadonlyPartialJSONObject>;
  kernel: Kernel.IKernelConnection;
}

export class KernelBridgeService implements IKernelBridge {
  private readonly _comms = new Map<Kernel.IKernelConnection, Kernel.IComm>();
  private readonly _watched = new WeakSet<Kernel.IKernelConnection>();
  private readonly _pending = new Map<string, IPending>();
  private readonly _connected = new Signal<IKernelBridge, Kernel.IKernelConnection>(this);
  private readonly _received = new Signal<IKernelBridge, KernelBridge.IMessage>(this);

  get connected(): ISignal<IKernelBridge, Kernel.IKernelConnection> {
    return this._connected;
  }

  get received(): ISignal<IKernelBridge, KernelBridge.IMessage> {
    return this._received;
  }

  isConnected(kernel: Kernel.IKernelConnection): boolean {
    return this._comms.has(kernel);
  }

  /** Follow a session's kernel: register the comm target on each kernel it gets. */
  watchSession(session: ISessionContext): void {
    const attach = () => {
      const kernel = session.session?.kernel;
      if (kernel) {
        this.watchKernel(kernel);
      }
    };
    session.kernelChanged.connect(attach);
    attach();
  }

  watchKernel(kernel: Kernel.IKernelConnection): void {
    if (this._watched.has(kernel) || kernel.isDisposed) {
      return;
    }
    this._watched.add(kernel);
    kernel.registerCommTarget(COMM_TARGET, (comm, msg) =>
      this._adopt(kernel, comm, msg.content.data)
    );
    kernel.statusChanged.connect((_, status) => {
      if (status === 'restarting' || status === 'autorestarting' || status === 'dead') {
        this._forget(kernel, 'The kernel restarted or died');
      }
    });
    kernel.disposed.connect(() => this._forget(kernel, 'The kernel connection was closed'));
    void this._recover(kernel);
  }

  async send(
    kernel: Kernel.IKernelConnection,
    data: ReadonlyPartialJSONObject,
    buffers: Uint8Array[] = []
  ): Promise<void> {
    const comm = this._comms.get(kernel);
    if (!comm) {
      throw new Error(
        'This kernel has not imported jupyterlab_hunt: run `from jupyterlab_hunt import hunt` first'
      );
    }
    await comm.send(data as any, undefined, buffers).done;
  }

  async sendTable(
    kernel: Kernel.IKernelConnection,
    name: string,
    ipc: Uint8Array
  ): Promise<{ rows: number; columns: number }> {
    if (!/^[A-Za-z_][\w.-]{0,127}$/.test(name)) {
      throw new Error(
        `"${name}" is not a usable result name (letters, digits, _ . - ; starting with a letter)`
      );
    }
    const requestId = UUID.uuid4();
    const delegate = new PromiseDelegate<ReadonlyPartialJSONObject>();
    this._pending.set(requestId, { delegate, kernel });
    try {
      await this.send(kernel, { op: 'result', name, request_id: requestId }, [ipc]);
      const reply = await delegate.promise;
      return { rows: Number(reply.rows), columns: Number(reply.columns) };
    } finally {
      this._pending.delete(requestId);
    }
  }

  private _adopt(kernel: Kernel.IKernelConnection, comm: Kernel.IComm, _data?: unknown): void {
    const previous = this._comms.get(kernel);
    if (previous && previous !== comm && !previous.isDisposed) {
      previous.onClose = () => undefined;
    }
    this._comms.set(kernel, comm);
    comm.onMsg = msg => this._handle(kernel, msg);
    comm.onClose = () => {
      if (this._comms.get(kernel) === comm) {
        this._forget(kernel, 'The kernel closed the hunt comm');
      }
    };
    this._connected.emit(kernel);
  }

  private _handle(kernel: Kernel.IKernelConnection, msg: KernelMessage.ICommMsgMsg): void {
    const data = (msg.content.data ?? {}) as ReadonlyPartialJSONObject;
    const requestId = typeof data.request_id === 'string' ? data.request_id : undefined;
    const pending = requestId ? this._pending.get(requestId) : undefined;
    if (pending) {
      if (data.op === 'error') {
        pending.delegate.reject(new Error(String(data.message ?? 'The kernel reported an error')));
      } else {
        pending.delegate.resolve(data);
      }
      return;
    }
    const buffers = (msg.buffers ?? []).map(b => bytesOf(b as ArrayBuffer | ArrayBufferView));
    this._received.emit({ kernel, data, buffers });
  }

  private async _recover(kernel: Kernel.IKernelConnection): Promise<void> {
    try {
      await kernel.info;
      const reply = await kernel.requestCommInfo({ target_name: COMM_TARGET });
      const comms = reply.content.status === 'ok' ? Object.keys(reply.content.comms) : [];
      if (comms.length > 0 && !this._comms.has(kernel) && !kernel.isDisposed) {
        const comm = kernel.createComm(COMM_TARGET);
        this._adopt(kernel, comm);
        comm.open({ op: 'hello' });
      }
    } catch (err) {
      // A kernel without comm support or one that went away: nothing to recover.
      console.debug('jupyterlab-hunt: no hunt comm to recover', err);
    }
  }

  private _forget(kernel: Kernel.IKernelConnection, reason: string): void {
    this._comms.delete(kernel);
    for (const [id, pending] of this._pending) {
      if (pending.kernel === kernel) {
        pending.delegate.reject(new Error(reason));
        this._pending.delete(id);
      }
    }
  }
}
