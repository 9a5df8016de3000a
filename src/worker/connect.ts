// Starting the real Web Worker (kept apart from the client so tests run the client in Node).
import { releaseProxy, wrap } from 'comlink';
import type { IWorkerRemote } from '../protocol';
import type { IWorkerConnection } from './client';

/** The literal `new Worker(new URL(...))` form is what the bundler turns into a worker chunk. */
export function connectWorker(onCrash: (message: string) => void): IWorkerConnection {
  const worker = new Worker(new URL('./hunt.worker.js', import.meta.url));
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
