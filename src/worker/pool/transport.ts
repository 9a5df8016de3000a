// The transport between the primary worker and a pool worker, kept behind two small
// interfaces (as IWorkerConnection keeps the main thread's): Web Workers in the browser
// (`browser.ts`, nested in the primary worker), worker_threads in Node (`node.ts`), so jest
// and the benchmarks run the same pool code the browser does.
import type { FromSubWorker, ToSubWorker } from './messages';

/** The primary's handle on one pool worker. */
export interface ISubWorker {
  post(message: ToSubWorker, transfer: ArrayBuffer[]): void;
  terminate(): void;
}

export interface ISubWorkerEvents {
  message(message: FromSubWorker): void;
  /** The pool worker died (an uncaught error, out of memory, terminated from outside). */
  exit(reason: string): void;
}

/** Starts one pool worker. */
export type SpawnSubWorker = (events: ISubWorkerEvents) => ISubWorker;

/** The pool worker's side: its messages in, its replies out. */
export interface ISubWorkerPort {
  post(message: FromSubWorker, transfer: ArrayBuffer[]): void;
  listen(handler: (message: ToSubWorker) => void): void;
}

/** The ArrayBuffers of typed arrays inside a message value (one level deep), to transfer. */
export function buffersOf(value: unknown): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const visit = (v: unknown, depth: number) => {
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) {
        out.add(v.buffer);
      }
    } else if (depth < 2 && v && typeof v === 'object') {
      Object.values(v).forEach(x => visit(x, depth + 1));
    }
  };
  visit(value, 0);
  return [...out];
}
