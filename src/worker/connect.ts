// Starting the real Web Worker (kept apart from the client so tests run the client in Node).
import { releaseProxy, wrap } from 'comlink';
import type { IWorkerRemote } from '../protocol';
import type { IWorkerConnection } from './client';
import { workerName } from './pool/name';

export interface IWorkerOptions {
  /** Pool workers of the analytics worker (0 or absent: one per core but one). */
  poolWorkers?: number;
}

/** The literal `new Worker(new URL(...))` form is what the bundler turns into a worker chunk. */
export function connectWorker(
  onCrash: (message: string) => void,
  options: IWorkerOptions = {}
): IWorkerConnection {
  // The worker reads its pool size from its name: known before its first message.
  const worker = new Worker(new URL('./hunt.worker.js', import.meta.url), {
    name: workerName(options.poolWorkers)
  });
  worker.addEventListener('error', event => {
    console.error('jupyterlab-hunt worker error', event.message);
    onCrash(event.message || 'an error the browser did not describe');
  });
  const remote = wrap<IWorkerRemote>(worker);
  return {
    remote,
    terminate: () => {
      remote[releaseProxy]();
      worker.terminate();
    }
  };
}
