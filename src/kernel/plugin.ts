import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { INotebookTracker } from '@jupyterlab/notebook';
import { IKernelBridge, PLUGIN_PREFIX } from '../tokens';
import { KernelBridgeService } from './bridge';

export const kernelBridgePlugin: JupyterFrontEndPlugin<IKernelBridge> = {
  id: `${PLUGIN_PREFIX}:kernel-bridge`,
  description: 'Comm link (Arrow IPC buffers) to kernels that imported jupyterlab_hunt.',
  autoStart: true,
  requires: [INotebookTracker],
  provides: IKernelBridge,
  activate: (_app: JupyterFrontEnd, notebooks: INotebookTracker): IKernelBridge => {
    const bridge = new KernelBridgeService();
    notebooks.forEach(panel => bridge.watchSession(panel.sessionContext));
    notebooks.widgetAdded.connect((_, panel) => bridge.watchSession(panel.sessionContext));
    return bridge;
  }
};
