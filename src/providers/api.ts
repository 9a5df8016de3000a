// REST client for the server's msticpyconfig.yaml endpoints (jupyterlab_hunt/server/config.py).
import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

/** A problem the server found, addressed by JSON pointer. */
export interface IConfigProblem {
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

/** GET /jupyterlab-hunt/config: secrets arrive only as descriptors. */
export interface IConfigDocument {
  path: string;
  exists: boolean;
  source?: string;
  etag: string | null;
  sections: Record<string, unknown> | null;
  problems: IConfigProblem[];
  backup?: string;
}

export interface IConfigEdit {
  op: 'set' | 'remove';
  path: string;
  value?: unknown;
}

/** A failed request: HTTP status, the server's message and its details (line, column, errors). */
export class ConfigRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: {
      line?: number;
      column?: number;
      errors?: IConfigProblem[];
      etag?: string | null;
    } = {}
  ) {
    super(message);
  }
}

export interface IConfigClient {
  get(): Promise<IConfigDocument>;
  put(etag: string, edits: IConfigEdit[]): Promise<IConfigDocument>;
  create(): Promise<IConfigDocument>;
}

async function errorOf(response: Response): Promise<ConfigRequestError> {
  let body: Record<string, any> = {};
  try {
    body = await response.json();
  } catch {
    // Not JSON (proxy error page): keep the status text only.
  }
  const message =
    typeof body.message === 'string'
      ? body.message
      : response.statusText || `HTTP ${response.status}`;
  const details = typeof body.details === 'object' && body.details ? body.details : body;
  return new ConfigRequestError(response.status, message, {
    line: typeof details.line === 'number' ? details.line : undefined,
    column: typeof details.column === 'number' ? details.column : undefined,
    errors: Array.isArray(details.errors) ? details.errors : undefined,
    etag: typeof details.etag === 'string' ? details.etag : undefined
  });
}

export class ConfigClient implements IConfigClient {
  constructor(private _settings: ServerConnection.ISettings = ServerConnection.makeSettings()) {}

  get(): Promise<IConfigDocument> {
    return this._request('config', { method: 'GET' });
  }

  put(etag: string, edits: IConfigEdit[]): Promise<IConfigDocument> {
    return this._request('config', { method: 'PUT', body: JSON.stringify({ etag, edits }) });
  }

  create(): Promise<IConfigDocument> {
    return this._request('config/new', { method: 'POST', body: '{}' });
  }

  private async _request(path: string, init: RequestInit): Promise<IConfigDocument> {
    const url = URLExt.join(this._settings.baseUrl, 'jupyterlab-hunt', path);
    const response = await ServerConnection.makeRequest(url, init, this._settings);
    if (!response.ok) {
      throw await errorOf(response);
    }
    return response.json();
  }
}
