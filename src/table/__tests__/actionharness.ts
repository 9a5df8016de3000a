// Runs a table action the way a table view does, against the real worker service (in-process),
// a real TableViewerService and TableModels, and counts what crossed the worker boundary and
// what was decoded on the main thread.
import { Table } from 'apache-arrow';
import { Widget } from '@lumino/widgets';
import * as arrow from '../../analytics/arrow';
import type { ITableViewer, TableViewer } from '../../tokens';
import { InProcessWorker } from '../../worker/__tests__/inprocess';
import { TableModel } from '../model';
import type { TableView } from '../view';
import { TableViewerService } from '../viewer';

export interface IActionRun {
  worker: InProcessWorker;
  /** Table models the viewer made (embedded result views). */
  models: TableModel[];
  /** Widgets the action opened in the shell. */
  opened: Widget[];
  /** decodeIPC calls on the main thread (the worker's own decodes are not counted). */
  mainThreadDecodes: number;
  notices: string[];
}

export async function runTableAction(
  activate: (app: any, worker: InProcessWorker['client'], viewer: ITableViewer) => void,
  actionId: string,
  input: Table,
  title = 'input'
): Promise<IActionRun> {
  const worker = new InProcessWorker();
  const models: TableModel[] = [];
  const opened: Widget[] = [];
  const make = (source: ConstructorParameters<typeof TableModel>[1]) => {
    const model = new TableModel(worker.client, source);
    models.push(model);
    return Object.assign(new Widget(), { model }) as unknown as TableView;
  };
  const viewer = new TableViewerService(make, make);
  const app = { shell: { add: (w: Widget) => opened.push(w), activateById: () => undefined } };
  activate(app, worker.client, viewer);
  const action = viewer.actions.find(a => a.id === actionId)!;

  const inputHandle = worker.client.load(arrow.encodeIPC(input));
  const notices: string[] = [];
  const context: TableViewer.IActionContext = {
    title,
    table: input,
    tableId: async () => (await inputHandle).id,
    columns: input.schema.fields.map(f => ({ name: f.name, type: arrow.typeLabel(f.type) })),
    selectedColumns: [],
    selectedCells: [],
    kernel: null,
    notify: message => notices.push(message)
  } as TableViewer.IActionContext;
  await context.tableId();

  // The in-process worker decodes what it loads: those decodes are the worker's, not ours.
  const decode = jest.spyOn(arrow, 'decodeIPC');
  const loadsBefore = worker.crossings.loads;
  await action.run(context);
  return {
    worker,
    models,
    opened,
    notices,
    get mainThreadDecodes() {
      return decode.mock.calls.length - (worker.crossings.loads - loadsBefore);
    }
  };
}
