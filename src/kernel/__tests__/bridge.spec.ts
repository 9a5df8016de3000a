// The kernel bridge against a fake kernel connection: adopting the kernel's comm, recovering
// it after a page reload, typed replies matched to requests, and a protocol mismatch said once.
import { Signal } from '@lumino/signaling';
import type { Kernel } from '@jupyterlab/services';
import { PROTOCOL_VERSION } from '../../protocol';
import { KernelBridgeService } from '../bridge';

interface IFakeMsg {
  content: { data: unknown };
  buffers?: Uint8Array[];
}

class FakeComm {
  onMsg: (msg: IFakeMsg) => void = () => undefined;
  onClose: (msg: IFakeMsg) => void = () => undefined;
  isDisposed = false;
  opened: unknown[] = [];
  sent: { data: { [key: string]: string }; buffers?: Uint8Array[] }[] = [];
  open(data: unknown) {
    this.opened.push(data);
    return { done: Promise.resolve() };
  }
  send(data: { [key: string]: string }, _metadata?: unknown, buffers?: Uint8Array[]) {
    this.sent.push({ data, buffers });
    return { done: Promise.resolve() };
  }
  /** A message from the kernel side. */
  receive(data: unknown, buffers: Uint8Array[] = []) {
    this.onMsg({ content: { data }, buffers });
  }
}

class FakeKernel {
  statusChanged = new Signal<this, string>(this);
  disposed = new Signal<this, void>(this);
  isDisposed = false;
  info = Promise.resolve({});
  target: ((comm: FakeComm, msg: IFakeMsg) => void) | null = null;
  /** Comms the kernel already has open (what comm_info reports after a page reload). */
  openComms: string[] = [];
  created: FakeComm[] = [];
  registerCommTarget(_name: string, cb: (comm: FakeComm, msg: IFakeMsg) => void) {
    this.target = cb;
  }
  async requestCommInfo() {
    return {
      content: {
        status: 'ok',
        comms: Object.fromEntries(this.openComms.map(id => [id, { target_name: 'x' }]))
      }
    };
  }
  createComm() {
    const comm = new FakeComm();
    this.created.push(comm);
    return comm;
  }
  /** The kernel side runs `from jupyterlab_hunt import hunt`: it opens a comm with hello. */
  openFromKernel(hello: unknown): FakeComm {
    const comm = new FakeComm();
    this.target!(comm, { content: { data: hello } });
    return comm;
  }
}

const kernelOf = (k: FakeKernel) => k as unknown as Kernel.IKernelConnection;
const flush = () => new Promise(resolve => setTimeout(resolve, 0));

describe('KernelBridgeService', () => {
  it('adopts the comm the kernel opens and matches an ack to its request', async () => {
    const bridge = new KernelBridgeService();
    const fake = new FakeKernel();
    bridge.watchKernel(kernelOf(fake));
    await flush();
    const comm = fake.openFromKernel({ op: 'hello', version: '0.1.0', protocol: PROTOCOL_VERSION });
    expect(bridge.isConnected(kernelOf(fake))).toBe(true);

    const sending = bridge.sendTable(kernelOf(fake), 'logons', new Uint8Array([1, 2, 3]));
    await flush();
    const request = comm.sent[0].data;
    expect(request).toMatchObject({ op: 'result', name: 'logons' });
    comm.receive({ op: 'ack', request_id: request.request_id, rows: 4, columns: 2 });
    await expect(sending).resolves.toEqual({ rows: 4, columns: 2 });
  });

  it("rejects a request with the kernel's error message", async () => {
    const bridge = new KernelBridgeService();
    const fake = new FakeKernel();
    bridge.watchKernel(kernelOf(fake));
    await flush();
    const comm = fake.openFromKernel({ op: 'hello', protocol: PROTOCOL_VERSION });
    const sending = bridge.sendTable(kernelOf(fake), 'bad', new Uint8Array([1]));
    await flush();
    comm.receive({
      op: 'error',
      request_id: comm.sent[0].data.request_id,
      message: "result 'bad': not Arrow"
    });
    await expect(sending).rejects.toThrow("result 'bad': not Arrow");
  });

  it('recovers the comm after a page reload and hands tables to listeners', async () => {
    const bridge = new KernelBridgeService();
    const fake = new FakeKernel();
    fake.openComms = ['comm-from-before-the-reload'];
    const connected = jest.fn();
    bridge.connected.connect(connected);
    const tables: unknown[] = [];
    bridge.received.connect((_, msg) => tables.push(msg.data));
    bridge.watchKernel(kernelOf(fake));
    await flush();
    expect(fake.created).toHaveLength(1);
    expect(fake.created[0].opened).toEqual([{ op: 'hello', protocol: PROTOCOL_VERSION }]);
    expect(connected).toHaveBeenCalledTimes(1);
    fake.created[0].receive({ op: 'hello', protocol: PROTOCOL_VERSION });
    fake.created[0].receive({ op: 'table', title: 'Logons', name: 'df' }, [new Uint8Array([9])]);
    fake.created[0].receive({ op: 'nonsense' });
    expect(tables).toEqual([{ op: 'table', title: 'Logons', name: 'df' }]);
  });

  it('says once that a kernel speaks another protocol, and refuses to send to it', async () => {
    const bridge = new KernelBridgeService();
    const fake = new FakeKernel();
    const errors: string[] = [];
    bridge.protocolError.connect((_, e) => errors.push(e.message));
    bridge.watchKernel(kernelOf(fake));
    await flush();
    const comm = fake.openFromKernel({ op: 'hello', version: '9.0.0', protocol: 99 });
    comm.receive({ op: 'hello', version: '9.0.0', protocol: 99 });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/jupyterlab_hunt 9\.0\.0 in the kernel speaks protocol 99/);
    expect(errors[0]).toMatch(/Upgrade the extension/);
    expect(bridge.isConnected(kernelOf(fake))).toBe(false);
    await expect(bridge.sendTable(kernelOf(fake), 'x', new Uint8Array([1]))).rejects.toThrow(
      /protocol 99/
    );
    expect(comm.sent).toHaveLength(0);
  });

  it('fails pending requests when the kernel restarts', async () => {
    const bridge = new KernelBridgeService();
    const fake = new FakeKernel();
    bridge.watchKernel(kernelOf(fake));
    await flush();
    fake.openFromKernel({ op: 'hello', protocol: PROTOCOL_VERSION });
    const sending = bridge.sendTable(kernelOf(fake), 'x', new Uint8Array([1]));
    await flush();
    fake.statusChanged.emit('restarting');
    await expect(sending).rejects.toThrow(/restarted/);
    expect(bridge.isConnected(kernelOf(fake))).toBe(false);
  });
});
