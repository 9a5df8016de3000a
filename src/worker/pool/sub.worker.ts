// The script of a pool Web Worker (see browser.ts): serves slices for the primary worker.
import { serveSubWorker } from './sub';

const scope = self as unknown as {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
};

serveSubWorker({
  post: (message, transfer) => scope.postMessage(message, transfer),
  listen: handler => scope.addEventListener('message', event => handler(event.data))
});
