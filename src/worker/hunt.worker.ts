import { expose } from 'comlink';
import { WorkerService } from './service';
import { WorkerPool } from './pool/pool';
import { browserPoolSize, spawnBrowserSubWorker } from './pool/browser';
import { poolWorkersOfName } from './pool/name';

// The pool workers are nested Web Workers; their number comes from the setting, via our name.
const size = browserPoolSize(poolWorkersOfName((self as { name?: string }).name ?? ''));
expose(new WorkerService({ pool: new WorkerPool(spawnBrowserSubWorker, size) }));
