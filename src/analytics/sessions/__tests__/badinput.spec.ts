// Bad and extreme input: empty tables, one-command sessions, unseen commands at scoring time,
// reserved tokens, wrong types, long sessions that underflow, and linear cost in sessions.
import { Float64, List, Table, Utf8, vectorFromArray, Field } from 'apache-arrow';
import { sessionsFromArrays } from '../data';
import { scoreSessionData } from '../score';
import { windowSteps } from '../extras';
import { trainSessionModel } from '../model';
import { scoreSessionTable, sessionizeTable } from '../table';
import { JobCancelledError, JobContext } from '../../job';
import { timestamps } from './helpers';

const listType = new List(new Field('item', new Utf8(), true));

describe('bad input', () => {
  it("gives an empty result for an empty table, and msticpy's error in parity mode", () => {
    const t = new Table({ session: vectorFromArray([] as string[][], listType) });
    const out = scoreSessionTable(t, { sessionColumn: 'session' });
    expect(out.numRows).toBe(0);
    expect(out.getChild('rarest_window3_likelihood')).toBeTruthy();
    expect(() => scoreSessionTable(t, { sessionColumn: 'session', parity: true })).toThrow(
      /should not be an empty list/
    );
    const events = new Table({
      user: vectorFromArray([] as string[], new Utf8()),
      time: timestamps([]),
      cmd: vectorFromArray([] as string[], new Utf8())
    });
    const sess = sessionizeTable(events, {
      userColumns: ['user'],
      timeColumn: 'time',
      commandColumn: 'cmd',
      maxSessionMinutes: 20,
      maxGapMinutes: 2
    });
    expect(sess.table.numRows).toBe(0);
  });

  it('scores empty and null sessions as null (an error in parity mode)', () => {
    const t = new Table({ session: vectorFromArray([['a', 'b'], [], null, ['a']], listType) });
    const out = scoreSessionTable(t, { sessionColumn: 'session', windowLength: 2 });
    const lik = out.getChild('rarest_window2_likelihood')!;
    expect([lik.get(1), lik.get(2)]).toEqual([null, null]);
    expect(lik.get(0)).toBeGreaterThan(0);
    expect(out.getChild('rarest_window2')!.get(1)!.length).toBe(0);
    expect(() => scoreSessionTable(t, { sessionColumn: 'session', parity: true })).toThrow(
      /session at index 1/
    );
  });

  it('scores one-command sessions: NaN without a full window, as msticpy', () => {
    const data = sessionsFromArrays([['a'], ['b'], ['a']]);
    const w2 = scoreSessionData(data, { windowLength: 2 });
    expect(Array.from(w2.rarest.length)).toEqual([1, 1, 1]); // [a, END] → [a]
    const w3 = scoreSessionData(data, { windowLength: 3 });
    expect(Array.from(w3.rarest.likelihood).every(Number.isNaN)).toBe(true);
    expect(Array.from(w3.rarest.start)).toEqual([-1, -1, -1]);
    expect(Array.from(w3.rarestPercentile!).every(Number.isNaN)).toBe(true);
    const off = scoreSessionData(data, { windowLength: 2, useStartEndTokens: false });
    expect(Array.from(off.rarest.likelihood).every(Number.isNaN)).toBe(true);
  });

  it('maps commands, params and values unseen in training to UNK', () => {
    const model = trainSessionModel(
      sessionsFromArrays([
        ['a', 'b'],
        ['a', 'b', 'b']
      ])
    );
    const scored = scoreSessionData(
      sessionsFromArrays([
        ['a', 'zzz'],
        ['yyy', 'xxx']
      ]),
      {
        model,
        windowLength: 2,
        useStartEndTokens: false
      }
    );
    const unk = model.cmdId('##UNK##');
    expect(model.cmdId('zzz')).toBe(unk);
    // P(a) T(a → UNK), and P(UNK) T(UNK → UNK): unseen commands take UNK's probabilities.
    expect(scored.rarest.likelihood[0]).toBe(
      model.prior(model.cmdId('a')) * model.trans(model.cmdId('a'), unk)
    );
    expect(scored.rarest.likelihood[1]).toBe(model.prior(unk) * model.trans(unk, unk));
    expect(
      windowSteps(scored.explanations!, 1)
        .map(st => st.to)
        .sort()
    ).toEqual(['xxx', 'yyy']); // the user's names
    const pmodel = trainSessionModel(sessionsFromArrays([[{ name: 'a', params: { x: '1' } }]]));
    const p = scoreSessionData(
      sessionsFromArrays([[{ name: 'a', params: { x: 'new', y: 'other' } }]]),
      { model: pmodel }
    );
    expect(p.sessions!.likelihood[0]).toBeGreaterThan(0);
    expect(() => scoreSessionData(sessionsFromArrays([['a']]), { model: pmodel })).toThrow(
      /trained on "values"/
    );
  });

  it('names the problem: reserved tokens, wrong types, bad JSON, bad window length, nulls', () => {
    expect(() => sessionsFromArrays([['a', '##END##']])).toThrow(
      /"##END##" at session 0, command 1 .*reserved/
    );
    const num = new Table({ session: vectorFromArray([1, 2], new Float64()) });
    expect(() => scoreSessionTable(num, { sessionColumn: 'session' })).toThrow(
      /Column "session" has type Float64/
    );
    expect(() => scoreSessionTable(num, { sessionColumn: 'nope' })).toThrow(
      /Column "nope" is not in the table/
    );
    const bad = new Table({ session: vectorFromArray(['["a"]', '[a'], new Utf8()) });
    expect(() => scoreSessionTable(bad, { sessionColumn: 'session' })).toThrow(
      /Row 1 of "session" is not valid JSON/
    );
    const nulls = new Table({ session: vectorFromArray([['a', null]], listType) });
    expect(() => scoreSessionTable(nulls, { sessionColumn: 'session' })).toThrow(
      /command is null at row 0/
    );
    expect(() => scoreSessionData(sessionsFromArrays([['a']]), { windowLength: 0 })).toThrow(
      /window length/
    );
    expect(() => scoreSessionData(sessionsFromArrays([['a']]), { windowLength: 2.5 })).toThrow(
      /window length/
    );
    const events = new Table({
      user: vectorFromArray(['u']),
      time: vectorFromArray(['2020-01-01']),
      cmd: vectorFromArray(['a'])
    });
    expect(() =>
      sessionizeTable(events, {
        userColumns: ['user'],
        timeColumn: 'time',
        commandColumn: 'cmd',
        maxSessionMinutes: 1,
        maxGapMinutes: 1
      })
    ).toThrow(/"time" has type .*; the time column must be an Arrow timestamp/);
  });

  it('ranks long sessions whose likelihood underflows by their log-likelihood', () => {
    let seed = 1;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const long = Array.from({ length: 5000 }, () => ['a', 'b', 'c', 'd'][(next() >> 16) % 4]);
    const rare = [...long];
    rare[100] = 'e';
    const res = scoreSessionData(sessionsFromArrays([long, rare, ['a', 'e', 'b']]), {
      windowLength: 3
    });
    expect(res.sessions!.likelihood[0]).toBe(0); // as msticpy: the product underflows
    expect(Number.isFinite(res.sessions!.logLikelihood[0])).toBe(true);
    expect(res.sessions!.logLikelihood[1]).toBeLessThan(res.sessions!.logLikelihood[0]);
    expect(res.meanLogLikelihood![2]).toBeLessThan(res.meanLogLikelihood![0]);
    const w = scoreSessionData(sessionsFromArrays([long]), { windowLength: 2000 });
    expect(w.rarest.likelihood[0]).toBe(0);
    expect(Number.isFinite(w.rarest.logLikelihood[0])).toBe(true);
  });

  it('stops when cancelled', () => {
    const ctx = new JobContext();
    ctx.cancelled = true;
    expect(() => scoreSessionData(sessionsFromArrays([['a']]), {}, ctx)).toThrow(JobCancelledError);
  });
});

describe('scale', () => {
  function oneCommandSessions(n: number): Table {
    const cmds = ['a', 'b', 'c', 'd', 'e'];
    return new Table({
      session: vectorFromArray(
        Array.from({ length: n }, (_, i) => [cmds[(i * 31) % 5]]),
        listType
      )
    });
  }

  function timeIt(fn: () => void): number {
    fn(); // warm up
    let best = Infinity;
    for (let r = 0; r < 3; r++) {
      const t0 = process.hrtime.bigint();
      fn();
      best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return best;
  }

  it('is linear in the number of one-command sessions', () => {
    const small = oneCommandSessions(20_000);
    const big = oneCommandSessions(200_000);
    const ts = timeIt(() => scoreSessionTable(small, { sessionColumn: 'session', explain: false }));
    const tb = timeIt(() => scoreSessionTable(big, { sessionColumn: 'session', explain: false }));
    // 10x the sessions: allow up to 25x the time (GC and cache noise), far from quadratic (100x).
    expect(tb / ts).toBeLessThan(25);
  });
});
