import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
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
    // A version mismatch is said where the user looks, not only in the console.
    bridge.protocolError.connect((_, { message }) =>
      Notification.error(message, { autoClose: false })
    );
    notebooks.forEach(panel => bridge.watchSession(panel.sessionContext));
    notebooks.widgetAdded.connect((_, panel) => bridge.watchSession(panel.sessionContext));
    return bridge;
  }
};

export default [kernelBridgePlugin];
