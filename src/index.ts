// The extension's plugins. Each feature folder's `plugin.ts` wires the feature and lists its
// plugins as its default export; this file only gathers them.
import { JupyterFrontEndPlugin } from '@jupyterlab/application';
import alerts from './alerts/plugin';
import context from './context/plugin';
import entities from './entities/plugin';
import extract from './extract/plugin';
import kernel from './kernel/plugin';
import providers from './providers/plugin';
import reproduce from './reproduce/plugin';
import sessions from './sessions/plugin';
import sidebar from './sidebar/plugin';
import table from './table/plugin';
import timerange from './timerange/plugin';
import timeseries from './timeseries/plugin';
import worker from './worker/plugin';

const plugins: JupyterFrontEndPlugin<unknown>[] = [
  ...worker,
  ...kernel,
  ...table,
  ...extract,
  ...sessions,
  ...timeseries,
  ...reproduce,
  ...sidebar,
  ...context,
  ...timerange,
  ...entities,
  ...providers,
  ...alerts
];

export default plugins;
