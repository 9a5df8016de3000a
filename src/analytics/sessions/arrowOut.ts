// Arrow columns built straight from interned ids: each distinct string is UTF-8 encoded once
// and the offsets are written directly, which is far faster than Arrow's row builders.
// Commands, params and values in list columns are dictionary-encoded (the interned ids are the
// indices): a few ints per event instead of copies of the text, and pandas reads them back
// as the same lists of strings.
import {
  Data,
  Dictionary,
  Field,
  Int32,
  List,
  makeData,
  makeVector,
  Map_,
  Struct,
  Utf8,
  Vector
} from 'apache-arrow';
import { ISessionData } from './data';

const encoder = new TextEncoder();

/** Utf8 data for `ids` (index into names; a negative id is null). */
export function utf8Data(ids: ArrayLike<number>, names: readonly string[]): Data<Utf8> {
  const encoded = names.map(n => encoder.encode(n));
  const n = ids.length;
  const offsets = new Int32Array(n + 1);
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    if (id < 0) {
      nulls++;
    }
    offsets[i + 1] = offsets[i] + (id < 0 ? 0 : encoded[id].length);
  }
  const bytes = new Uint8Array(offsets[n]);
  for (let i = 0; i < n; i++) {
    if (ids[i] >= 0) {
      bytes.set(encoded[ids[i]], offsets[i]);
    }
  }
  let nullBitmap: Uint8Array | undefined;
  if (nulls > 0) {
    nullBitmap = new Uint8Array((n + 7) >> 3);
    for (let i = 0; i < n; i++) {
      if (ids[i] >= 0) {
        nullBitmap[i >> 3] |= 1 << (i & 7);
      }
    }
  }
  return makeData({
    type: new Utf8(),
    length: n,
    nullCount: nulls,
    valueOffsets: offsets,
    data: bytes,
    nullBitmap
  });
}

/** dictionary<utf8> data: `ids` index into `names`; a negative id is null (values only). */
export function namesData(
  ids: Int32Array,
  names: readonly string[],
  nullable = false
): Data<Dictionary<Utf8, Int32>> {
  let nulls = 0;
  for (let i = 0; nullable && i < ids.length; i++) {
    nulls += ids[i] < 0 ? 1 : 0;
  }
  let indices = ids;
  let nullBitmap: Uint8Array | undefined;
  if (nulls > 0) {
    indices = ids.map(id => Math.max(id, 0));
    nullBitmap = new Uint8Array((ids.length + 7) >> 3);
    ids.forEach((id, i) => (nullBitmap![i >> 3] |= id < 0 ? 0 : 1 << (i & 7)));
  }
  const dictionary = makeVector(
    utf8Data(
      Int32Array.from(names, (_, i) => i),
      names
    )
  );
  return makeData({
    type: namesType(),
    length: ids.length,
    nullCount: nulls,
    data: indices,
    nullBitmap,
    dictionary
  });
}

/**
 * A new dictionary type each time, with an id of its own: tables read from IPC number their
 * dictionaries from 0, as Arrow's own counter does, and one table cannot hold two
 * dictionaries with the same id; so ours count up from far above.
 */
function namesType(): Dictionary<Utf8, Int32> {
  return new Dictionary(new Utf8(), new Int32(), nextDictionaryId++);
}

let nextDictionaryId = 1 << 24;

/**
 * A list column of commands: row r holds the rowOffsets[r + 1] - rowOffsets[r] events of
 * `data` from event rowStart[r] on (whole sessions, or their rarest windows).
 */
export function commandListVector(
  data: ISessionData,
  rowOffsets: Int32Array,
  rowStart: Int32Array
): Vector<List> {
  const rows = rowOffsets.length - 1;
  const names = namesData(gatherRows(data.cmds, rowOffsets, rowStart), data.cmdNames);
  const child = data.kind === 'cmds' ? names : commandStructs(data, rowOffsets, rowStart, names);
  const listType = new List(new Field('item', child.type, false));
  // makeData's overloads do not narrow a List built at run time; the shape is checked by Arrow.
  const list = makeData({
    type: listType,
    length: rows,
    nullCount: 0,
    valueOffsets: rowOffsets,
    child
  } as any);
  return makeVector(list as unknown as Data<List>);
}

/** struct<name, params> data for the rows' events: params as a list of names, or a map to values. */
function commandStructs(
  data: ISessionData,
  rowOffsets: Int32Array,
  rowStart: Int32Array,
  names: Data
): Data {
  const po = data.paramOffsets!;
  const rows = rowOffsets.length - 1;
  const events = rowOffsets[rows];
  const offs = new Int32Array(events + 1);
  // a row's events are consecutive in `data`, and so are their params
  const entryOffsets = new Int32Array(rows + 1);
  const entryStart = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const shift = rowStart[r] - rowOffsets[r];
    for (let k = rowOffsets[r]; k < rowOffsets[r + 1]; k++) {
      offs[k + 1] = offs[k] + po[k + shift + 1] - po[k + shift];
    }
    entryOffsets[r + 1] = offs[rowOffsets[r + 1]];
    entryStart[r] = po[rowStart[r]];
  }
  const keys = namesData(gatherRows(data.params!, entryOffsets, entryStart), data.paramNames!);
  let params: Data;
  if (data.kind === 'params') {
    params = makeData({
      type: new List(new Field('item', keys.type, false)),
      length: events,
      nullCount: 0,
      valueOffsets: offs,
      child: keys
    });
  } else {
    const values = namesData(
      gatherRows(data.values!, entryOffsets, entryStart),
      data.valueNames!,
      true
    );
    const entryType = new Struct<any>([
      new Field('key', keys.type, false),
      new Field('value', values.type, true)
    ]);
    const entries = makeData({
      type: entryType,
      length: keys.length,
      nullCount: 0,
      children: [keys, values]
    });
    params = makeData({
      type: new Map_(new Field('entries', entryType, false)),
      length: events,
      nullCount: 0,
      valueOffsets: offs,
      child: entries
    });
  }
  return makeData({
    type: new Struct<any>([
      new Field('name', names.type, false),
      new Field('params', params.type, false)
    ]),
    length: events,
    nullCount: 0,
    children: [names, params]
  });
}

/** Row r's values from[rowStart[r]] onwards, rowOffsets[r + 1] - rowOffsets[r] of them, row after row. */
export function gatherRows<T extends Int32Array | Float64Array>(
  from: T,
  rowOffsets: Int32Array,
  rowStart: Int32Array
): T {
  const rows = rowOffsets.length - 1;
  const out = new (from.constructor as new (n: number) => T)(rowOffsets[rows]);
  for (let r = 0; r < rows; r++) {
    const shift = rowStart[r] - rowOffsets[r];
    for (let k = rowOffsets[r]; k < rowOffsets[r + 1]; k++) {
      out[k] = from[k + shift];
    }
  }
  return out;
}
