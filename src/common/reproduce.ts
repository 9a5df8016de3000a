// "Insert code": the Python call that re-runs an analysis of the UI from the notebook, with the
// same arguments (`hunt.extract_iocs(df, columns=[...])`, jupyterlab_hunt/kernel/reproduce.py).
// Parameter names are msticpy's where msticpy has the parameter; every argument the UI set is
// written out and nothing else, so the kernel sends the worker exactly the UI's job arguments.
import type { JobArgs, ReproducibleJob } from '../protocol';

/** Command inserting `args.code` (or the current result tab's code) below the active cell. */
export const INSERT_CODE_COMMAND = 'jupyterlab-hunt:insert-code';

type ArgNames<K extends ReproducibleJob> = {
  [A in Exclude<keyof JobArgs<K>, 'tableId'>]-?: string;
};

interface ICall<K extends ReproducibleJob> {
  /** `hunt.<function>` */
  function: string;
  /** Variable the result is assigned to. */
  result: string;
  /** Job argument -> Python keyword (kept equal to reproduce.py's tables; tests compare). */
  names: Partial<ArgNames<K>>;
}

export const REPRODUCE_CALLS: { [K in ReproducibleJob]: ICall<K> } = {
  extractIocs: {
    function: 'extract_iocs',
    result: 'iocs',
    names: {
      columns: 'columns',
      types: 'ioc_types',
      parity: 'parity',
      maxCellLength: 'max_cell_length'
    }
  },
  decode: {
    function: 'decode',
    result: 'decoded',
    names: { columns: 'columns', parity: 'parity', utf16: 'utf16', iocs: 'iocs' }
  },
  scoreSessions: {
    function: 'score_sessions',
    result: 'sessions',
    names: {
      sessionColumn: 'session_column',
      userColumns: 'user_identifier_cols',
      timeColumn: 'time_col',
      commandColumn: 'event_col',
      paramsColumn: 'params_col',
      maxSessionMinutes: 'max_session_time_mins',
      maxGapMinutes: 'max_event_separation_mins',
      windowLength: 'window_length',
      useStartEndTokens: 'use_start_end_tokens',
      useGeoMean: 'use_geo_mean'
    }
  },
  stlAnomalies: {
    function: 'stl',
    result: 'stl',
    names: {
      timeColumn: 'time_column',
      valueColumn: 'data_column',
      bucket: 'bucket',
      agg: 'agg',
      fill: 'fill',
      period: 'period',
      periods: 'periods',
      seasonal: 'seasonal',
      robust: 'robust',
      score: 'score',
      scoreThreshold: 'score_threshold',
      parity: 'parity'
    }
  }
};

/** Code points that must not reach a code cell raw: controls, bidi overrides, separators. */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]/g;

/** A Python string literal; hostile text cannot reorder or break the inserted code. */
export function pyString(text: string): string {
  const body = text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(UNSAFE, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `"${body}"`;
}

/** A Python literal for a JSON-like job argument. */
export function pyLiteral(value: unknown): string {
  if (typeof value === 'string') {
    return pyString(value);
  }
  if (typeof value === 'boolean') {
    return value ? 'True' : 'False';
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new Error(`${value} cannot be written as a Python argument`);
    }
    return String(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(pyLiteral).join(', ')}]`;
  }
  throw new Error(`A job argument of type ${typeof value} cannot be written as Python`);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEYWORDS = new Set(['None', 'True', 'False', 'and', 'in', 'is', 'not', 'or', 'hunt']);

/**
 * The kernel variable holding the input table: the variable `hunt.show`/`hunt.open` was given
 * (never the title: `hunt.show(df, title="Logons")` has no variable `Logons`), when it is a
 * plain Python name.
 */
export function inputVariable(variable: string | null | undefined): string | null {
  return variable && IDENTIFIER.test(variable) && !KEYWORDS.has(variable) ? variable : null;
}

/**
 * The cell that re-runs `job` with `args` on the DataFrame `input` (a variable name; null when
 * the table has no kernel variable: the code then names `df` and says so in a comment).
 */
export function reproduceCode<K extends ReproducibleJob>(
  job: K,
  args: JobArgs<K>,
  input: string | null
): string {
  const call = REPRODUCE_CALLS[job] as ICall<ReproducibleJob>;
  const names = call.names as Record<string, string | undefined>;
  const parts = [input ?? 'df'];
  for (const [key, value] of Object.entries(args)) {
    if (key === 'tableId' || value === undefined) {
      continue;
    }
    const name = names[key];
    if (!name) {
      throw new Error(`"${key}" of ${job} has no Python parameter in hunt.${call.function}()`);
    }
    parts.push(`${name}=${pyLiteral(value)}`);
  }
  const lines = ['from jupyterlab_hunt import hunt'];
  if (input === null) {
    lines.push('# df: the DataFrame this analysis ran on (the table had no kernel variable)');
  }
  lines.push(`${call.result} = hunt.${call.function}(${parts.join(', ')})`, call.result);
  return lines.join('\n');
}
