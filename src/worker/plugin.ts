import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { IHuntWorker, PLUGIN_PREFIX } from '../tokens';
import { HuntWorkerClient } from './client';
import { connectWorker } from './connect';

export const workerPlugin: JupyterFrontEndPlugin<IHuntWorker> = {
  id: `${PLUGIN_PREFIX}:worker`,
  description: 'The analytics Web Worker (started on first use).',
  autoStart: true,
  provides: IHuntWorker,
  activate: (_app: JupyterFrontEnd): IHuntWorker => new HuntWorkerClient(connectWorker)
};

export default [workerPlugin];
