import { NotebookModel } from '@jupyterlab/notebook';
import type { CommMessage } from '../../protocol';
import type { Kernel } from '@jupyterlab/services';
import { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { Signal } from '@lumino/signaling';
import type { HuntContext, IKernelBridge } from '../../tokens';
import { readHunt, writeHunt } from '../metadata';
import { FALLBACK_QUERY_TIME, IInvestigationDoc, InvestigationContextModel } from '../model';
import {
  presetSpec,
  PRESETS,
  relativeSpec,
  specForMetadata,
  specFromRange
} from '../../common/querytime';
import { KernelSync } from '../sync';

const NOW = new Date('2024-01-10T12:00:00Z');
const entity: HuntContext.IEntity = {
  id: 'IpAddress:10.0.0.1',
  type: 'IpAddress',
  properties: { Address: '10.0.0.1' },
  pinned: true,
  selected: true,
  source: 'manual'
};

function notebook(path: string): IInvestigationDoc & { model: NotebookModel } {
  const model = new NotebookModel();
  return { path, metadata: model, model };
}

describe('notebook metadata "hunt"', () => {
  it('round-trips through a saved and reloaded notebook', () => {
    const a = notebook('a.ipynb');
    a.model.setMetadata('hunt', { other_tool: 1 });
    writeHunt(a.metadata, {
      query_time: specFromRange(new Date('2024-01-01Z'), new Date('2024-01-02Z'))
    });
    writeHunt(a.metadata, { entities: [entity] });
    const b = notebook('b.ipynb');
    b.model.fromJSON(a.model.toJSON());
    const back = readHunt(b.metadata);
    expect(back.query_time?.start).toBe('2024-01-01T00:00:00Z');
    expect(back.entities).toEqual([entity]);
    expect(b.model.getMetadata('hunt').other_tool).toBe(1);
  });

  it('drops malformed parts of hand-edited metadata instead of failing', () => {
    const a = notebook('a.ipynb');
    a.model.setMetadata('hunt', {
      query_time: { origin: 'now', before: 'x', units: 'hour' },
      entities: [entity, { type: 'Host' }, 'junk', null]
    });
    expect(readHunt(a.metadata)).toEqual({ query_time: null, entities: [entity] });
    a.model.setMetadata('hunt', 'not an object');
    expect(readHunt(a.metadata)).toEqual({ query_time: null, entities: [] });
  });
});

describe('InvestigationContextModel', () => {
  it('starts a notebook without metadata from the default and writes only on change', () => {
    const ctx = new InvestigationContextModel({ now: () => NOW });
    const a = notebook('a.ipynb');
    ctx.setCurrent(a);
    expect(ctx.queryTime).toEqual(FALLBACK_QUERY_TIME);
    expect(a.model.getMetadata('hunt')).toBeUndefined();
    const week = presetSpec(PRESETS.find(p => p.id === 'last-7d')!);
    ctx.defaultQueryTime = week;
    expect(ctx.queryTime).toEqual(week);

    ctx.setQueryTime(relativeSpec('now', 2, 0, 'hour'));
    expect(a.model.getMetadata('hunt').query_time).toMatchObject({
      origin: 'now',
      before: 2,
      start: '2024-01-10T10:00:00Z',
      end: '2024-01-10T12:00:00Z'
    });
  });

  it('follows the active notebook and reloads external edits', () => {
    const ctx = new InvestigationContextModel({ now: () => NOW });
    const changes: string[] = [];
    ctx.changed.connect((_, c) => changes.push(c));
    const a = notebook('a.ipynb');
    const b = notebook('b.ipynb');
    writeHunt(b.metadata, { entities: [entity] });
    ctx.setCurrent(a);
    ctx.setEntities([]);
    ctx.setCurrent(b);
    expect(ctx.entities).toEqual([entity]);
    ctx.reload();
    // Setting what is already there writes nothing and changes nothing.
    expect(changes).toEqual(['notebook', 'notebook']);
    expect(a.model.getMetadata('hunt')).toBeUndefined();
    writeHunt(b.metadata, { entities: [] });
    ctx.reload();
    expect(ctx.entities).toEqual([]);
    expect(changes.at(-1)).toBe('entities');
    expect(changes).toEqual(['notebook', 'notebook', 'entities']);
    ctx.setCurrent(null);
    ctx.setQueryTime(relativeSpec('now', 1, 0, 'hour'));
    expect(ctx.notebook).toBeNull();
  });
});

describe('opening and re-applying the saved context', () => {
  it('leaves the notebook unmodified: metadata is written only when the context changes', () => {
    const a = notebook('a.ipynb');
    const saved = specFromRange(new Date('2019-01-15T04:00:00Z'), new Date('2019-01-15T06:00:00Z'));
    writeHunt(a.metadata, { query_time: saved, entities: [entity] });
    const file = a.model.toJSON();
    const opened = notebook('a.ipynb');
    opened.model.fromJSON(file);
    opened.model.dirty = false;
    let writes = 0;
    opened.model.metadataChanged.connect(() => writes++);
    const ctx = new InvestigationContextModel({ now: () => NOW });
    ctx.setCurrent(opened);
    ctx.setQueryTime(saved);
    ctx.setEntities([{ ...entity }]);
    writeHunt(opened.metadata, { entities: [entity] });
    expect([writes, opened.model.dirty]).toEqual([0, false]);

    // A relative range is the same range while "now" moves on; another amount is a change.
    ctx.setQueryTime(relativeSpec('now', 1, 0, 'hour'));
    const written = writes;
    ctx.setQueryTime(specForMetadata(relativeSpec('now', 1, 0, 'hour'), new Date()));
    expect(writes).toBe(written);
    ctx.setQueryTime(relativeSpec('now', 2, 0, 'hour'));
    expect(writes).toBe(written + 1);
    expect(opened.model.dirty).toBe(true);
  });
});

class FakeBridge implements Partial<IKernelBridge> {
  connectedSignal = new Signal<IKernelBridge, Kernel.IKernelConnection>(this as any);
  open = new Set<Kernel.IKernelConnection>();
  sent: [Kernel.IKernelConnection, ReadonlyPartialJSONObject][] = [];
  get connected() {
    return this.connectedSignal;
  }
  isConnected(k: Kernel.IKernelConnection) {
    return this.open.has(k);
  }
  async send(k: Kernel.IKernelConnection, data: CommMessage.ToKernel) {
    this.sent.push([k, data as unknown as ReadonlyPartialJSONObject]);
  }
  connect(k: Kernel.IKernelConnection) {
    this.open.add(k);
    this.connectedSignal.emit(k);
  }
}

describe('KernelSync', () => {
  const k1 = { id: 'k1' } as Kernel.IKernelConnection;
  const k2 = { id: 'k2' } as Kernel.IKernelConnection;

  function setup() {
    let now = NOW;
    const bridge = new FakeBridge();
    const ctx = new InvestigationContextModel({ now: () => now });
    const a = notebook('a.ipynb');
    const b = notebook('b.ipynb');
    const kernels = new Map([
      [k1, a],
      [k2, b]
    ]);
    const sync = new KernelSync({
      bridge: bridge as unknown as IKernelBridge,
      context: ctx,
      docOf: k => kernels.get(k) ?? null,
      currentKernel: () => (ctx.doc === a ? k1 : ctx.doc === b ? k2 : null),
      now: () => now
    });
    return { bridge, ctx, a, b, sync, tick: (ms: number) => (now = new Date(now.getTime() + ms)) };
  }

  it('sends the full context when a kernel connects, from that notebook even when not active', async () => {
    const { bridge, ctx, a, b } = setup();
    ctx.setCurrent(a);
    writeHunt(b.metadata, {
      entities: [entity],
      query_time: specFromRange(new Date('2024-01-01Z'), new Date('2024-01-02Z'))
    });
    bridge.connect(k2);
    await Promise.resolve();
    expect(bridge.sent).toHaveLength(1);
    const [kernel, msg] = bridge.sent[0];
    expect(kernel).toBe(k2);
    expect(msg).toEqual({
      op: 'context',
      notebook: 'b.ipynb',
      query_time: {
        start: '2024-01-01T00:00:00Z',
        end: '2024-01-02T00:00:00Z',
        origin: null,
        before: null,
        after: null,
        units: null,
        label: null
      },
      entities: [entity]
    });
  });

  it('sends every change of the active notebook, never to unconnected kernels, never twice the same', async () => {
    const { bridge, ctx, a, sync, tick } = setup();
    ctx.setCurrent(a);
    ctx.setQueryTime(relativeSpec('now', 1, 0, 'hour'));
    expect(bridge.sent).toHaveLength(0);
    bridge.connect(k1);
    ctx.setEntities([entity]);
    expect(bridge.sent.map(s => (s[1].entities as unknown[]).length)).toEqual([0, 1]);
    await sync.refresh(k1);
    expect(bridge.sent).toHaveLength(2);
    tick(60000);
    await sync.refresh(k1);
    expect(bridge.sent).toHaveLength(3);
    expect((bridge.sent[2][1].query_time as any).end).toBe('2024-01-10T12:01:00Z');
  });

  it('does not send an invalid range', async () => {
    const { bridge, ctx, a } = setup();
    ctx.setCurrent(a);
    bridge.connect(k1);
    a.model.setMetadata('hunt', {
      query_time: { start: '2024-01-02T00:00:00Z', end: '2024-01-01T00:00:00Z' }
    });
    ctx.reload();
    expect(bridge.sent).toHaveLength(1);
    expect((bridge.sent[0][1].query_time as any).label).toBe('Last 24 hours');
  });
});
