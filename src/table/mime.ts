// MIME renderer for `application/vnd.apache.arrow.stream` outputs (base64 Arrow IPC plus
// metadata), as written by `hunt.show(df)`. Renders from the saved notebook without a kernel.
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget, PanelLayout } from '@lumino/widgets';
import { base64ToBytes, decodeIPC, messageOf } from '../analytics/arrow';
import { MIME_METADATA_VERSION, MIME_TYPE } from '../protocol';
import { TableView } from './view';
import { ITableSource } from './model';

export interface IArrowMetadata {
  version?: number;
  title?: string | null;
  rows?: number;
  columns?: number;
  source?: string | null;
}

/** Decode a display bundle entry; throws an Error whose message says what is wrong. */
export function readArrowOutput(data: unknown, metadata: IArrowMetadata | undefined): ITableSource {
  const version = metadata?.version ?? MIME_METADATA_VERSION;
  if (typeof version !== 'number' || version > MIME_METADATA_VERSION) {
    throw new Error(
      `This table was written with metadata version ${String(version)}, newer than this jupyterlab-hunt reads (${MIME_METADATA_VERSION}); upgrade jupyterlab-hunt`
    );
  }
  const text = Array.isArray(data) ? data.join('') : data;
  if (typeof text !== 'string') {
    throw new Error(`The ${MIME_TYPE} output must be base64 text, got ${typeof data}`);
  }
  const bytes = base64ToBytes(text);
  const table = decodeIPC(bytes);
  const title = metadata?.title || metadata?.source || 'table';
  return { table, bytes, title, variable: metadata?.source ?? null };
}

export class ArrowRenderer extends Widget implements IRenderMime.IRenderer {
  constructor(
    private readonly _mimeType: string,
    private readonly _createView: (source: ITableSource, rows: number) => TableView
  ) {
    super();
    this.addClass('jp-hunt-ArrowOutput');
    this.layout = new PanelLayout();
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const layout = this.layout as PanelLayout;
    for (const w of [...layout.widgets]) {
      w.dispose();
    }
    try {
      const metadata = model.metadata[this._mimeType] as IArrowMetadata | undefined;
      const source = readArrowOutput(model.data[this._mimeType], metadata);
      layout.addWidget(this._createView(source, Math.min(source.table.numRows, OUTPUT_ROWS)));
    } catch (err) {
      layout.addWidget(errorWidget(`jupyterlab-hunt could not show this table: ${messageOf(err)}`));
    }
  }
}

/** Rows a table in a cell output shows at once: small tables fit, large ones scroll. */
const OUTPUT_ROWS = 14;

export function errorWidget(message: string): Widget {
  const w = new Widget();
  w.addClass('jp-hunt-Error');
  const pre = document.createElement('pre');
  pre.textContent = message;
  w.node.appendChild(pre);
  return w;
}
