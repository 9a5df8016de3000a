import { NotebookModel } from '@jupyterlab/notebook';
import type { Kernel } from '@jupyterlab/services';
import type { JSONObject } from '@lumino/coreutils';
import { writeHunt } from '../metadata';
import { FALLBACK_QUERY_TIME } from '../model';
import { attachExecuteContext, executeContext } from '../execute';
import { EXECUTE_CONTEXT_VERSION, EXECUTE_METADATA_KEY, IExecuteContext } from '../../protocol';
import { specFromRange } from '../../common/querytime';

const NOW = new Date('2024-01-10T12:00:00Z');

/** Records requestExecute calls as the kernel connection would send them. */
function fakeKernel() {
  const calls: { code: string; metadata: JSONObject | undefined; self: unknown }[] = [];
  const kernel = {
    requestExecute(content: { code: string }, _dispose?: boolean, metadata?: JSONObject) {
      calls.push({ code: content.code, metadata, self: this });
      return { msg: 'future' };
    }
  };
  return { kernel: kernel as unknown as Kernel.IKernelConnection, calls };
}

function savedNotebook() {
  const model = new NotebookModel();
  const entities = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'].map(a => ({
    id: `ipaddress:address=${a}`,
    type: 'IpAddress',
    properties: { Address: a },
    pinned: false,
    selected: false,
    source: 'manual'
  }));
  writeHunt(model, {
    query_time: specFromRange(new Date('2019-01-15T04:00:00Z'), new Date('2019-01-15T06:00:00Z')),
    entities
  });
  return { path: 'hunt.ipynb', metadata: model };
}

describe('execute requests carry the notebook context', () => {
  it("adds the saved range and entities to every request's metadata, keeping JupyterLab's", () => {
    const { kernel, calls } = fakeKernel();
    const doc = savedNotebook();
    attachExecuteContext(kernel, () => executeContext(doc, FALLBACK_QUERY_TIME, NOW));
    // Run All: every request is sent before the kernel answers any.
    for (const code of ['from jupyterlab_hunt import hunt', 'print(hunt.query_time)']) {
      kernel.requestExecute({ code }, false, { cellId: code, deletedCells: [] });
    }
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      expect(call.self).toBe(kernel);
      const ctx = call.metadata![EXECUTE_METADATA_KEY] as any;
      expect(call.metadata!.cellId).toBe(call.code);
      expect(ctx.protocol).toBe(EXECUTE_CONTEXT_VERSION);
      expect(ctx.notebook).toBe('hunt.ipynb');
      expect([ctx.query_time.start, ctx.query_time.end]).toEqual([
        '2019-01-15T04:00:00Z',
        '2019-01-15T06:00:00Z'
      ]);
      expect(ctx.entities.map((e: any) => e.properties.Address)).toEqual([
        '10.0.0.1',
        '10.0.0.2',
        '10.0.0.3',
        '10.0.0.4'
      ]);
    }
  });

  it('reads the context when each request is sent, so a change reaches the next cell', () => {
    const { kernel, calls } = fakeKernel();
    const doc = savedNotebook();
    attachExecuteContext(kernel, () => executeContext(doc, FALLBACK_QUERY_TIME, NOW));
    writeHunt(doc.metadata, { entities: [] });
    kernel.requestExecute({ code: 'x' } as any);
    expect((calls[0].metadata![EXECUTE_METADATA_KEY] as any).entities).toEqual([]);
  });

  it('sends the default range of a notebook without one, computed at send time', () => {
    const ctx = executeContext(
      { path: 'new.ipynb', metadata: new NotebookModel() },
      FALLBACK_QUERY_TIME,
      NOW
    ) as any;
    expect(ctx.query_time.end).toBe('2024-01-10T12:00:00Z');
    expect(ctx.query_time.start).toBe('2024-01-09T12:00:00Z');
    expect(ctx.entities).toEqual([]);
  });

  it('adds nothing when there is no payload, and disposing restores the method', () => {
    const { kernel, calls } = fakeKernel();
    const original = kernel.requestExecute;
    let payload: IExecuteContext | null = null;
    const attached = attachExecuteContext(kernel, () => payload);
    kernel.requestExecute({ code: 'a' } as any, true, { cellId: 'a' });
    expect(calls[0].metadata).toEqual({ cellId: 'a' });
    payload = { protocol: 1, notebook: 'n.ipynb', query_time: null, entities: [] };
    attached.dispose();
    expect(kernel.requestExecute).toBe(original);
    kernel.requestExecute({ code: 'b' } as any);
    expect(calls[1].metadata).toBeUndefined();
    expect(attached.isDisposed).toBe(true);
  });
});
