// The extension's plugins; each feature folder wires its own.
import { JupyterFrontEndPlugin } from '@jupyterlab/application';
import alertsPlugins from './alerts';
import contextPlugins from './context';
import entitiesPlugins from './entities';
import { extractPlugin } from './extract/plugin';
import { kernelBridgePlugin } from './kernel/plugin';
import providersPlugins from './providers';
import { sessionsPlugin } from './sessions/plugin';
import sidebarPlugins from './sidebar';
import { tablePlugin } from './table/plugin';
import timerangePlugins from './timerange';
import { timeseriesPlugin } from './timeseries/plugin';
import { workerPlugin } from './worker/plugin';

const plugins: JupyterFrontEndPlugin<any>[] = [
  workerPlugin,
  kernelBridgePlugin,
  tablePlugin,
  extractPlugin,
  sessionsPlugin,
  timeseriesPlugin,
  ...sidebarPlugins,
  ...contextPlugins,
  ...timerangePlugins,
  ...entitiesPlugins,
  ...providersPlugins,
  ...alertsPlugins
];

export default plugins;
