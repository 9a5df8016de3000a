// Shared test helpers.
import { Field, List, makeVector, Map_, Struct, TimestampMillisecond, Utf8 } from 'apache-arrow';

/** A nullable field. */
export const item = (name: string, type: any) => new Field(name, type, true);

/** Session columns of commands with a set of params, and with params and values (nullable). */
export const SET_TYPE = new List(
  item(
    'item',
    new Struct<any>([item('name', new Utf8()), item('params', new List(item('item', new Utf8())))])
  )
);
export const MAP_TYPE = new List(
  item(
    'item',
    new Struct<any>([
      item('name', new Utf8()),
      item(
        'params',
        new Map_(
          new Field(
            'entries',
            new Struct<any>([new Field('key', new Utf8(), false), item('value', new Utf8())]),
            false
          )
        )
      )
    ])
  )
);

/** A timestamp[ms, UTC] vector from epoch milliseconds. */
export function timestamps(ms: number[]) {
  return makeVector({
    type: new TimestampMillisecond('UTC'),
    data: BigInt64Array.from(ms, BigInt)
  } as any);
}
