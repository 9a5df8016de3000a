// The worker service run on the test's own thread behind the same remote interface comlink
// gives the client, with counts of what crossed the boundary (loads, exports, jobs).
import type { Remote } from 'comlink';
import type { IWorkerRemote, JobName } from '../../protocol';
import { HuntWorkerClient, IWorkerConnection } from '../client';
import { WorkerService } from '../service';

export interface ICrossings {
  loads: number;
  exports: number;
  drops: number;
  jobs: JobName[];
  terminated: number;
}

export class InProcessWorker {
  readonly crossings: ICrossings = { loads: 0, exports: 0, drops: 0, jobs: [], terminated: 0 };
  /** The service of the current "worker"; a restart makes a new one (tables gone). */
  service = new WorkerService();
  /** Jobs by name that never finish (a stuck synchronous loop). */
  readonly stuck = new Set<JobName | 'load'>();
  /** Make the current worker "die" as a browser reports it (an error event). */
  crash: (message: string) => void = () => undefined;
  readonly client: HuntWorkerClient;

  constructor() {
    this.client = new HuntWorkerClient(onCrash => this._connect(onCrash));
  }

  private _connect(onCrash: (message: string) => void): IWorkerConnection {
    this.crash = onCrash;
    const service = (this.service = new WorkerService());
    const c = this.crossings;
    const remote: IWorkerRemote = {
      ping: () => service.ping(),
      load: bytes =>
        this.stuck.has('load')
          ? (new Promise<never>(() => undefined) as never)
          : (c.loads++, service.load(bytes.slice())),
      export: id => (c.exports++, service.export(id)),
      drop: id => (c.drops++, service.drop(id)),
      cancel: id => service.cancel(id),
      run: (jobId, job, args, onProgress) => {
        c.jobs.push(job);
        return this.stuck.has(job)
          ? new Promise<never>(() => undefined)
          : service.run(jobId, job, args, onProgress);
      }
    };
    // comlink makes every call async; so does this.
    const asyncRemote = Object.fromEntries(
      Object.entries(remote).map(([name, fn]) => [
        name,
        (...args: unknown[]) =>
          Promise.resolve().then(() => (fn as (...a: unknown[]) => unknown)(...args))
      ])
    ) as unknown as Remote<IWorkerRemote>;
    return { remote: asyncRemote, terminate: () => c.terminated++ };
  }
}
