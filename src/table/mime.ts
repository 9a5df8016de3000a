// MIME renderer for `application/vnd.apache.arrow.stream` outputs (base64 Arrow IPC plus
// metadata), as written by `hunt.show(df)`. Renders from the saved notebook without a kernel.
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget, PanelLayout } from '@lumino/widgets';
import { base64ToBytes, decodeIPC, messageOf } from '../analytics/arrow';
import { MIME_METADATA_VERSION, MIME_TYPE } from '../protocol';
import type { HuntWorker, IHuntWorker } from '../tokens';
import { TableView } from './view';
import { ITableSource } from './model';

export interface IArrowMetadata {
  version?: number;
  title?: string | null;
  rows?: number;
  columns?: number;
  source?: string | null;
}

/** Time a saved output may take to read in the worker before it is refused (and the worker restarted). */
const OUTPUT_LOAD_TIMEOUT_MS = 15_000;

/** The IPC bytes of a display bundle entry; throws an Error whose message says what is wrong. */
export function outputBytes(data: unknown, metadata: IArrowMetadata | undefined): Uint8Array {
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
  return base64ToBytes(text);
}

/**
 * Read a display bundle entry for a view. Outputs are hostile (a notebook from someone else):
 * the worker validates and decodes the bytes first, within a time bound, so a crafted stream
 * costs at most a worker restart, never the tab. Only bytes the worker read are decoded here
 * (for the grid); the view adopts the worker's copy, so its first sort loads nothing.
 */
export async function readArrowOutput(
  data: unknown,
  metadata: IArrowMetadata | undefined,
  load: (bytes: Uint8Array, options: { timeoutMs: number }) => Promise<HuntWorker.ITableHandle>
): Promise<ITableSource> {
  const bytes = outputBytes(data, metadata);
  const handle = await load(bytes.slice(), { timeoutMs: OUTPUT_LOAD_TIMEOUT_MS });
  try {
    const title = metadata?.title || metadata?.source || 'table';
    return { table: decodeIPC(bytes), bytes, handle, title, variable: metadata?.source ?? null };
  } catch (err) {
    handle.dispose();
    throw err;
  }
}

export class ArrowRenderer extends Widget implements IRenderMime.IRenderer {
  constructor(
    private readonly _mimeType: string,
    private readonly _createView: (source: ITableSource, rows: number) => TableView,
    private readonly _worker: IHuntWorker
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
      const source = await readArrowOutput(model.data[this._mimeType], metadata, (bytes, options) =>
        this._worker.load(bytes, options)
      );
      if (this.isDisposed) {
        source.handle?.dispose();
        return;
      }
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
