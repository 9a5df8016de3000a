// sessionize_data parity on msticpy's test input and the process events (fixtures from
// make_fixtures.py), through Arrow timestamp columns.
import { readFileSync } from 'fs';
import { join } from 'path';
import { Table, vectorFromArray, Utf8 } from 'apache-arrow';
import { timestamps } from './helpers';
import { sessionize } from '../sessionize';
import { sessionizeTable } from '../table';

interface IResult {
  max_session_time_mins: number;
  max_event_separation_mins: number;
  users: string[][];
  min_ms: number[];
  max_ms: number[];
  lists: string[][];
  duration_ms: number[];
  number_events: number[];
  columns: string[];
}

interface ICase {
  name: string;
  users: string[][];
  user_columns: string[];
  time_ms: number[];
  time_column: string;
  events: string[];
  event_column: string;
  results: IResult[];
}

const cases = JSON.parse(
  readFileSync(join(__dirname, 'fixtures', 'sessionize.json'), 'utf8')
) as ICase[];

function eventTable(c: ICase): Table {
  const cols: Record<string, any> = {};
  c.user_columns.forEach((u, i) => (cols[u] = vectorFromArray(c.users[i], new Utf8())));
  cols[c.time_column] = timestamps(c.time_ms);
  cols[c.event_column] = vectorFromArray(c.events, new Utf8());
  return new Table(cols);
}

describe('sessionize', () => {
  it.each(
    cases.flatMap(c =>
      c.results.map(
        r => [c.name, r.max_session_time_mins, r.max_event_separation_mins, c, r] as const
      )
    )
  )('%s with %d min sessions and %d min gaps matches msticpy', (_n, maxSes, maxSep, c, r) => {
    const { table } = sessionizeTable(eventTable(c), {
      userColumns: c.user_columns,
      timeColumn: c.time_column,
      commandColumn: c.event_column,
      maxSessionMinutes: maxSes,
      maxGapMinutes: maxSep
    });
    expect(table.schema.fields.map(f => f.name)).toEqual(r.columns);
    c.user_columns.forEach((u, i) => expect(table.getChild(u)!.toArray()).toEqual(r.users[i]));
    expect(Array.from(table.getChild(`${c.time_column}_min`)!.toArray(), Number)).toEqual(r.min_ms);
    expect(Array.from(table.getChild(`${c.time_column}_max`)!.toArray(), Number)).toEqual(r.max_ms);
    const lists = table
      .getChild(`${c.event_column}_list`)!
      .toArray()
      .map((v: any) => v.toArray());
    expect(lists).toEqual(r.lists);
    expect(Array.from(table.getChild('duration')!.toArray() as BigInt64Array, Number)).toEqual(
      r.duration_ms
    );
    expect(Array.from(table.getChild('number_events')!.toArray())).toEqual(r.number_events);
  });

  it('groups missing users by themselves, or with "dummy_str" in parity mode', () => {
    const users = [['a', null, 'dummy_str', null]];
    const times = Float64Array.from([0, 1, 2, 3]);
    const opts = { maxSessionMinutes: 100, maxGapMinutes: 100 };
    expect(Array.from(sessionize(users, times, 1, opts).offsets)).toEqual([0, 1, 2, 4]);
    expect(Array.from(sessionize(users, times, 1, { ...opts, parity: true }).offsets)).toEqual([
      0, 1, 4
    ]);
  });

  it('keeps input order for equal times and sorts unsorted input', () => {
    const r = sessionize([['u', 'u', 'u', 'u']], Float64Array.from([5, 1, 5, 1]), 1, {
      maxSessionMinutes: 100,
      maxGapMinutes: 100
    });
    expect(Array.from(r.order)).toEqual([1, 3, 0, 2]);
  });

  it('handles an empty table and names a missing time', () => {
    expect(
      Array.from(
        sessionize([[]], new Float64Array(0), 1, { maxSessionMinutes: 1, maxGapMinutes: 1 }).offsets
      )
    ).toEqual([0]);
    expect(() =>
      sessionize([['a', 'b']], Float64Array.from([0, NaN]), 1, {
        maxSessionMinutes: 1,
        maxGapMinutes: 1
      })
    ).toThrow(/time of row 1 is missing/);
    expect(() =>
      sessionize([['a']], Float64Array.from([0]), 1, { maxSessionMinutes: -1, maxGapMinutes: 1 })
    ).toThrow(/maximum session time/);
  });
});
