// The script a Node pool worker (worker_threads) runs: see node.ts.
import { parentPort } from 'worker_threads';
import { serveSubWorker } from './sub';

serveSubWorker({
  post: (message, transfer) => parentPort!.postMessage(message, transfer),
  listen: handler => parentPort!.on('message', handler)
});
