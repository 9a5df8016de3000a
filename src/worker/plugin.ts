import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IHuntWorker, PLUGIN_PREFIX } from '../tokens';
import { HuntWorkerClient } from './client';
import { connectWorker, IWorkerOptions } from './connect';

export const workerPlugin: JupyterFrontEndPlugin<IHuntWorker> = {
  id: `${PLUGIN_PREFIX}:worker`,
  description: 'The analytics Web Worker (started on first use).',
  autoStart: true,
  provides: IHuntWorker,
  optional: [ISettingRegistry],
  activate: (_app: JupyterFrontEnd, settings: ISettingRegistry | null): IHuntWorker => {
    // The worker starts on first use; by then the setting has usually been read.
    const options: IWorkerOptions = {};
    settings
      ?.load(workerPlugin.id)
      .then(s => {
        const read = () => (options.poolWorkers = s.get('poolWorkers').composite as number);
        read();
        s.changed.connect(read);
      })
      .catch(err => console.warn('jupyterlab-hunt: worker settings not read', err));
    return new HuntWorkerClient(onCrash => connectWorker(onCrash, options));
  }
};

export default [workerPlugin];
