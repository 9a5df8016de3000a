// Arrow columns built straight from interned ids: each distinct string is UTF-8 encoded once
// and the offsets are written directly, which is far faster than Arrow's row builders.
import { Data, Field, List, makeData, makeVector, Map_, Struct, Utf8, Vector } from 'apache-arrow';
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

export function utf8Vector(ids: ArrayLike<number>, names: readonly string[]): Vector<Utf8> {
  return makeVector(utf8Data(ids, names));
}

/** The Arrow type of one command: utf8, or a struct of name and params. */
export function commandType(kind: ISessionData['kind']): Utf8 | Struct {
  if (kind === 'cmds') {
    return new Utf8();
  }
  const params =
    kind === 'params'
      ? new List(new Field('item', new Utf8(), false))
      : new Map_(
          new Field(
            'entries',
            new Struct<any>([
              new Field('key', new Utf8(), false),
              new Field('value', new Utf8(), true)
            ]),
            false
          )
        );
  return new Struct([new Field('name', new Utf8(), false), new Field('params', params, false)]);
}

/**
 * A list column of commands: row r holds the events events[rowOffsets[r] .. rowOffsets[r+1]-1]
 * of `data` (whole sessions, or their rarest windows).
 */
export function commandListVector(
  data: ISessionData,
  rowOffsets: Int32Array,
  events: Int32Array
): Vector<List> {
  const item = commandType(data.kind);
  const rows = rowOffsets.length - 1;
  const cmdIds = new Int32Array(events.length);
  for (let i = 0; i < events.length; i++) {
    cmdIds[i] = data.cmds[events[i]];
  }
  const names = utf8Data(cmdIds, data.cmdNames);
  let child: Data;
  if (data.kind === 'cmds') {
    child = names;
  } else {
    const po = data.paramOffsets!;
    const offs = new Int32Array(events.length + 1);
    for (let i = 0; i < events.length; i++) {
      offs[i + 1] = offs[i] + po[events[i] + 1] - po[events[i]];
    }
    const pids = new Int32Array(offs[events.length]);
    const vids = new Int32Array(offs[events.length]);
    for (let i = 0; i < events.length; i++) {
      const from = po[events[i]];
      for (let j = 0; j < offs[i + 1] - offs[i]; j++) {
        pids[offs[i] + j] = data.params![from + j];
        vids[offs[i] + j] = data.values ? data.values[from + j] : -1;
      }
    }
    const keys = utf8Data(pids, data.paramNames!);
    const structType = item as Struct;
    const paramsType = structType.children[1].type;
    let params: Data;
    if (data.kind === 'params') {
      params = makeData({
        type: paramsType as List,
        length: events.length,
        nullCount: 0,
        valueOffsets: offs,
        child: keys
      });
    } else {
      const entryType = (paramsType as Map_).children[0].type as Struct;
      const entries = makeData({
        type: entryType,
        length: pids.length,
        nullCount: 0,
        children: [keys, utf8Data(vids, data.valueNames!)]
      });
      params = makeData({
        type: paramsType as Map_,
        length: events.length,
        nullCount: 0,
        valueOffsets: offs,
        child: entries
      });
    }
    child = makeData({
      type: structType,
      length: events.length,
      nullCount: 0,
      children: [names, params]
    });
  }
  const listType = new List(new Field('item', item, false));
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
