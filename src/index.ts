// The extension's plugins; each feature folder wires its own.
import { JupyterFrontEndPlugin } from '@jupyterlab/application';
import { kernelBridgePlugin } from './kernel/plugin';
import { tablePlugin } from './table/plugin';
import { workerPlugin } from './worker/plugin';

const plugins: JupyterFrontEndPlugin<any>[] = [workerPlugin, kernelBridgePlugin, tablePlugin];

export default plugins;
