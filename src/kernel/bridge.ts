// The comm link to `jupyterlab_hunt.kernel` in every notebook kernel. The kernel opens the
// comm when `hunt` is first used; after a page reload the kernel's comm is still alive, so
// the bridge asks the kernel for open comms and, if there are any, opens a fresh one.
// Messages are typed by `CommMessage` (src/protocol.ts); a kernel speaking another protocol
// version is reported once and refused, instead of failing on the first message it sends.
import { Kernel, KernelMessage } from '@jupyterlab/services';
import { ISessionContext } from '@jupyterlab/apputils';
import { JSONObject, PromiseDelegate, UUID } from '@lumino/coreutils';
import { ISignal, Signal } from '@lumino/signaling';
import { IKernelBridge, KernelBridge } from '../tokens';
import { bytesOf } from '../analytics/arrow';
import {
  COMM_TARGET,
  CommMessage,
  PROTOCOL_VERSION,
  protocolMismatch,
  readKernelMessage
} from '../protocol';

interface IPending {
  delegate: PromiseDelegate<CommMessage.IAck>;
  kernel: Kernel.IKernelConnection;
}

export class KernelBridgeService implements IKernelBridge {
  private readonly _comms = new Map<Kernel.IKernelConnection, Kernel.IComm>();
  private readonly _watched = new WeakSet<Kernel.IKernelConnection>();
  private readonly _pending = new Map<string, IPending>();
  private readonly _connected = new Signal<IKernelBridge, Kernel.IKernelConnection>(this);
  private readonly _received = new Signal<IKernelBridge, KernelBridge.IMessage>(this);
  private readonly _mismatches = new Map<Kernel.IKernelConnection, string>();
  private readonly _protocolError = new Signal<IKernelBridge, KernelBridge.IProtocolError>(this);

  get connected(): ISignal<IKernelBridge, Kernel.IKernelConnection> {
    return this._connected;
  }

  get received(): ISignal<IKernelBridge, KernelBridge.IMessage> {
    return this._received;
  }

  get protocolError(): ISignal<IKernelBridge, KernelBridge.IProtocolError> {
    return this._protocolError;
  }

  isConnected(kernel: Kernel.IKernelConnection): boolean {
    return this._comms.has(kernel) && !this._mismatches.has(kernel);
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
    data: CommMessage.ToKernel,
    buffers: Uint8Array[] = []
  ): Promise<void> {
    await this._usableComm(kernel).send(data as unknown as JSONObject, undefined, buffers).done;
  }

  /** The kernel's hunt comm, or an error saying why there is none to use. */
  private _usableComm(kernel: Kernel.IKernelConnection): Kernel.IComm {
    const mismatch = this._mismatches.get(kernel);
    if (mismatch) {
      throw new Error(mismatch);
    }
    const comm = this._comms.get(kernel);
    if (!comm) {
      throw new Error(
        'This kernel has not imported jupyterlab_hunt: run `from jupyterlab_hunt import hunt` first'
      );
    }
    return comm;
  }

  async sendControl(
    kernel: Kernel.IKernelConnection,
    data: CommMessage.RunReply,
    buffers: Uint8Array[] = []
  ): Promise<void> {
    const comm = this._usableComm(kernel);
    // A comm_msg on the control channel: the kernel's control thread hands it to the hunt comm
    // (jupyterlab_hunt/kernel/reproduce.py) while the shell channel waits for the running cell.
    const msg = KernelMessage.createMessage({
      msgType: 'comm_msg',
      channel: 'shell',
      username: kernel.username,
      session: kernel.clientId,
      content: { comm_id: comm.commId, data: data as unknown as JSONObject },
      buffers
    });
    const control = { ...msg, channel: 'control' } as unknown as KernelMessage.IControlMessage;
    await kernel.sendControlMessage(control, false, true).done;
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
    const delegate = new PromiseDelegate<CommMessage.IAck>();
    this._pending.set(requestId, { delegate, kernel });
    try {
      await this.send(kernel, { op: 'result', name, request_id: requestId }, [ipc]);
      const reply = await delegate.promise;
      return { rows: Number(reply.rows ?? 0), columns: Number(reply.columns ?? 0) };
    } finally {
      this._pending.delete(requestId);
    }
  }

  private _adopt(kernel: Kernel.IKernelConnection, comm: Kernel.IComm, data?: unknown): void {
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
    const hello = readKernelMessage(data);
    if (hello?.op === 'hello') {
      this._checkProtocol(kernel, hello);
    }
    if (!this._mismatches.has(kernel)) {
      this._connected.emit(kernel);
    }
  }

  private _handle(kernel: Kernel.IKernelConnection, msg: KernelMessage.ICommMsgMsg): void {
    const data = readKernelMessage(msg.content.data);
    if (!data) {
      console.warn('jupyterlab-hunt: ignored a comm message that is not one of ours');
      return;
    }
    if (data.op === 'hello') {
      this._checkProtocol(kernel, data);
      return;
    }
    if (data.op === 'ack' || data.op === 'error') {
      const pending = data.request_id ? this._pending.get(data.request_id) : undefined;
      if (data.op === 'ack') {
        pending?.delegate.resolve(data);
      } else if (pending) {
        pending.delegate.reject(new Error(data.message || 'The kernel reported an error'));
      } else {
        console.warn(`jupyterlab-hunt: the kernel reported: ${data.message}`);
      }
      return;
    }
    const buffers = (msg.buffers ?? []).map(b => bytesOf(b as ArrayBuffer | ArrayBufferView));
    this._received.emit({ kernel, data, buffers });
  }

  /** Refuse a kernel of another protocol version, once, with a message saying what to do. */
  private _checkProtocol(kernel: Kernel.IKernelConnection, hello: CommMessage.IHello): void {
    const mismatch = protocolMismatch(hello);
    if (!mismatch) {
      this._mismatches.delete(kernel);
      return;
    }
    if (this._mismatches.get(kernel) !== mismatch) {
      this._mismatches.set(kernel, mismatch);
      this._protocolError.emit({ kernel, message: mismatch });
    }
  }

  private async _recover(kernel: Kernel.IKernelConnection): Promise<void> {
    try {
      await kernel.info;
      const reply = await kernel.requestCommInfo({ target_name: COMM_TARGET });
      const comms = reply.content.status === 'ok' ? Object.keys(reply.content.comms) : [];
      if (comms.length > 0 && !this._comms.has(kernel) && !kernel.isDisposed) {
        const comm = kernel.createComm(COMM_TARGET);
        this._adopt(kernel, comm);
        comm.open({ op: 'hello', protocol: PROTOCOL_VERSION } satisfies CommMessage.IHello);
      }
    } catch (err) {
      // A kernel without comm support or one that went away: nothing to recover.
      console.debug('jupyterlab-hunt: no hunt comm to recover', err);
    }
  }

  private _forget(kernel: Kernel.IKernelConnection, reason: string): void {
    this._comms.delete(kernel);
    this._mismatches.delete(kernel);
    for (const [id, pending] of this._pending) {
      if (pending.kernel === kernel) {
        pending.delegate.reject(new Error(reason));
        this._pending.delete(id);
      }
    }
  }
}
