// Pool workers as Web Workers nested in the primary analytics worker (Chromium and Firefox
// support them). The literal `new Worker(new URL(...))` form is what the bundler turns into
// a worker chunk.
import { ISubWorker, SpawnSubWorker } from './transport';

export const spawnBrowserSubWorker: SpawnSubWorker = events => {
  const worker = new Worker(new URL('./sub.worker.js', import.meta.url));
  worker.addEventListener('message', event => events.message(event.data));
  worker.addEventListener('error', event => {
    // An error event may leave the worker running: end it, the pool starts another.
    worker.terminate();
    events.exit(event.message || 'an error the browser did not describe');
  });
  const handle: ISubWorker = {
    post: (message, transfer) => worker.postMessage(message, transfer),
    terminate: () => worker.terminate()
  };
  return handle;
};

/** Pool workers for this browser: `override` (the setting) or one per core but one, at least 1. */
export function browserPoolSize(override?: number | null): number {
  if (override && override >= 1) {
    return Math.floor(override);
  }
  return Math.max(1, (navigator.hardwareConcurrency || 2) - 1);
}
