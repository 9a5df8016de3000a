// The notebook's context in every execute request (read by jupyterlab_hunt/kernel/context.py).
import type { Kernel } from '@jupyterlab/services';
import type { JSONObject } from '@lumino/coreutils';
import { EXECUTE_CONTEXT_VERSION, EXECUTE_METADATA_KEY, IExecuteContext } from '../protocol';
import type { IDisposable } from '@lumino/disposable';
import type { HuntContext } from '../tokens';
import { readHunt } from './metadata';
import type { IInvestigationDoc } from './model';
import { contextPayload } from './sync';

/** What a notebook's execute requests carry: its saved context, start/end computed at `now`. */
export function executeContext(
  doc: IInvestigationDoc,
  defaults: HuntContext.IQueryTimeSpec,
  now: Date
): IExecuteContext {
  const payload = contextPayload(doc.path, readHunt(doc.metadata), defaults, now);
  return { protocol: EXECUTE_CONTEXT_VERSION, ...payload };
}

/**
 * Make every execute request sent through `kernel` carry `payload()` (computed at send time)
 * in its metadata under EXECUTE_METADATA_KEY; nothing is added when it returns null.
 *
 * Why a wrapper: the context has to travel in the execute request itself. A comm message sent
 * when Run All starts queues behind the execute requests already sent, and after a restart
 * there is no comm until a cell has imported jupyterlab_hunt. JupyterLab has no hook to add
 * execute metadata (jupyterlab/jupyterlab#4222 is open; CodeCell.execute only merges the
 * cell's own metadata, which would have to be written into the notebook), so this wraps
 * `requestExecute` on this one connection object. Disposing restores the method.
 */
export function attachExecuteContext(
  kernel: Kernel.IKernelConnection,
  payload: () => IExecuteContext | null
): IDisposable {
  const original = kernel.requestExecute;
  const wrapped: Kernel.IKernelConnection['requestExecute'] = (
    content,
    disposeOnDone,
    metadata
  ) => {
    const context = disposed ? null : payload();
    const merged = context
      ? { ...metadata, [EXECUTE_METADATA_KEY]: context as unknown as JSONObject }
      : metadata;
    return original.call(kernel, content, disposeOnDone, merged);
  };
  let disposed = false;
  kernel.requestExecute = wrapped;
  return {
    get isDisposed() {
      return disposed;
    },
    dispose() {
      // Another wrapper may have been put on top since: leave the chain as it is then.
      if (!disposed && kernel.requestExecute === wrapped) {
        kernel.requestExecute = original;
      }
      disposed = true;
    }
  };
}
