// Arrow input and output: every accepted session representation gives the same scores, the
// output schema follows msticpy's column names, and tables survive an IPC round trip.
import { readFileSync } from 'fs';
import { join } from 'path';
import { Dictionary, Int32, List, Table, Utf8, vectorFromArray } from 'apache-arrow';
import { decodeIPC, encodeIPC } from '../../arrow';
import { sessionsFromArrays } from '../data';
import { scoreSessionData } from '../score';
import { scoreSessionTable } from '../table';
import { ICmd } from '../tokens';
import { item, MAP_TYPE, SET_TYPE, timestamps } from './helpers';

const tests = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'msticpy_tests.json'), 'utf8'));
const [s1, s2, s3] = tests.map((c: { sessions: unknown }) => c.sessions) as [
  string[][],
  ICmd[][],
  ICmd[][]
];

function roundTrip(t: Table): Table {
  return decodeIPC(encodeIPC(t));
}

function likelihoods(t: Table, w = 3): number[] {
  return Array.from(t.getChild(`rarest_window${w}_likelihood`)!.toArray() as Float64Array);
}

describe('sessions from Arrow', () => {
  it('reads list<utf8>, JSON text and dictionary lists alike', () => {
    const expected = Array.from(scoreSessionData(sessionsFromArrays(s1)).rarest.likelihood);
    const lists = roundTrip(
      new Table({ session: vectorFromArray(s1, new List(item('item', new Utf8()))) })
    );
    const json = new Table({
      session: vectorFromArray(
        s1.map(s => JSON.stringify(s)),
        new Utf8()
      )
    });
    const dict = roundTrip(
      new Table({
        session: vectorFromArray(
          s1,
          new List(item('item', new Dictionary(new Utf8(), new Int32())))
        )
      })
    );
    expect(String(dict.getChild('session')!.type)).toMatch(/Dictionary/);
    for (const t of [lists, json, dict]) {
      const out = scoreSessionTable(t, { sessionColumn: 'session', windowLength: 3 });
      expect(
        Array.from(out.getChild('rarest_window3_likelihood')!.toArray() as Float64Array)
      ).toEqual(expected);
      expect(
        out
          .getChild('rarest_window3')!
          .toArray()
          .map((v: any) => v.toArray())
      ).toEqual([
        ['Set-User', 'Set-User'],
        ['Set-User', 'Set-User']
      ]);
    }
  });

  it('reads params as list<struct<name, list<utf8>>> and values as maps', () => {
    const sets = roundTrip(
      new Table({
        session: vectorFromArray(
          s2.map(s => s.map(c => ({ ...c })) as any),
          SET_TYPE
        )
      })
    );
    const maps = roundTrip(
      new Table({
        session: vectorFromArray(
          s3.map(s =>
            s.map(c => ({ name: c.name, params: new Map(Object.entries(c.params)) }))
          ) as any,
          MAP_TYPE
        )
      })
    );
    const want2 = Array.from(scoreSessionData(sessionsFromArrays(s2)).rarest.likelihood);
    const want3 = Array.from(scoreSessionData(sessionsFromArrays(s3)).rarest.likelihood);
    expect(likelihoods(scoreSessionTable(sets, { sessionColumn: 'session' }))).toEqual(want2);
    const out3 = scoreSessionTable(maps, { sessionColumn: 'session' });
    expect(likelihoods(out3)).toEqual(want3);
    // The window keeps the commands' params (map<utf8, utf8>).
    const win = roundTrip(out3).getChild('rarest_window3')!.get(1)!.get(0);
    expect(win.name).toBe('Set-Mailbox');
    expect(win.params.toJSON()).toEqual({ Identity: 'blah' });
    const json = new Table({
      session: vectorFromArray(
        s3.map(s => JSON.stringify(s)),
        new Utf8()
      )
    });
    expect(likelihoods(scoreSessionTable(json, { sessionColumn: 'session' }))).toEqual(want3);
  });

  it('appends msticpy columns first, then the extras, and keeps the input columns', () => {
    const t = new Table({
      id: vectorFromArray(['a', 'b']),
      session: vectorFromArray(s1, new List(item('item', new Utf8())))
    });
    const out = roundTrip(scoreSessionTable(t, { sessionColumn: 'session', windowLength: 2 }));
    expect(out.schema.fields.map(f => f.name)).toEqual([
      'id',
      'session',
      'rarest_window2_likelihood',
      'rarest_window2',
      'rarest_window2_log_likelihood',
      'rarest_window2_start',
      'rarest_window2_percentile',
      'session_likelihood',
      'session_log_likelihood',
      'session_geomean_likelihood',
      'session_mean_log_likelihood',
      'session_mean_log_likelihood_percentile',
      'rarest_window2_explanation',
      'rarest_window2_steps'
    ]);
    const lik = out.getChild('rarest_window2_likelihood')!.toArray() as Float64Array;
    const log = out.getChild('rarest_window2_log_likelihood')!.toArray() as Float64Array;
    expect(Math.exp(log[1])).toBeCloseTo(lik[1], 14);
    expect(out.getChild('rarest_window2_explanation')!.get(0)).toMatch(/Set-User → ##END##/);
    const steps = out.getChild('rarest_window2_steps')!.get(0)!.toArray();
    expect(steps.map((s: any) => s.probability)).toEqual(
      [...steps.map((s: any) => s.probability)].sort()
    );
  });

  it('scores an event table with JSON params after sessionizing it', () => {
    const t = new Table({
      user: vectorFromArray(['u1', 'u1', 'u2', 'u1'], new Utf8()),
      time: timestamps([0, 60_000, 0, 3_600_000]),
      cmd: vectorFromArray(['Set-User', 'Set-User', 'Set-Mailbox', 'Set-User'], new Utf8()),
      params: vectorFromArray(
        ['{"Identity": "x"}', null, '{"Identity": "y", "City": ""}', '{}'],
        new Utf8()
      )
    });
    const out = scoreSessionTable(t, {
      events: {
        userColumns: ['user'],
        timeColumn: 'time',
        commandColumn: 'cmd',
        paramsColumn: 'params',
        maxSessionMinutes: 20,
        maxGapMinutes: 2
      },
      windowLength: 2
    });
    expect(out.numRows).toBe(3);
    expect(out.getChild('number_events')!.toArray()).toEqual(Int32Array.from([2, 1, 1]));
    const first = out.getChild('cmd_list')!.get(0)!.get(0);
    expect(first.name).toBe('Set-User');
    expect(first.params.toJSON()).toEqual({ Identity: 'x' });
    expect(roundTrip(out).numRows).toBe(3);
  });
});
