// Pool workers as Node worker_threads: jest and the benchmarks run the pool this way, with the
// same pool, task and sub-worker code as the browser. Under ts-node or jest (TypeScript
// sources) each thread registers ts-node first; built JavaScript is loaded as it is.
import { availableParallelism } from 'os';
import { join } from 'path';
import { Worker } from 'worker_threads';
import { ISubWorker, SpawnSubWorker } from './transport';
import { WorkerPool } from './pool';

const ENTRY = join(__dirname, `nodeentry${__filename.endsWith('.ts') ? '.ts' : '.js'}`);
const TS_PROJECT = join(__dirname, '../../../bench/tsconfig.json');

const BOOTSTRAP = `
if (${JSON.stringify(ENTRY)}.endsWith('.ts')) {
  require('ts-node').register({ transpileOnly: true, project: ${JSON.stringify(TS_PROJECT)} });
}
require(${JSON.stringify(ENTRY)});
`;

export const spawnNodeSubWorker: SpawnSubWorker = events => {
  const worker = new Worker(BOOTSTRAP, { eval: true });
  // A pool left undisposed must not keep Node alive; a running job's watch timer does.
  worker.unref();
  worker.on('message', events.message);
  worker.on('error', err => events.exit(err.message));
  worker.on('exit', code => events.exit(`exit code ${code}`));
  const handle: ISubWorker = {
    post: (message, transfer) => worker.postMessage(message, transfer),
    terminate: () => void worker.terminate()
  };
  return handle;
};

/** A pool of `size` worker_threads (default: one per core but one, at least 1). */
export function nodeWorkerPool(size = Math.max(1, availableParallelism() - 1)): WorkerPool {
  return new WorkerPool(spawnNodeSubWorker, size);
}
