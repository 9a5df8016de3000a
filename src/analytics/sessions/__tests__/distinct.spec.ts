// Distinct sessions: the repeats found (by hashing ids, or from a reader's firstOf), and
// training and scoring on weighted distinct sessions give bit for bit what the same steps
// give on every session.
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  Dictionary,
  Int32,
  List,
  makeVector,
  Table,
  Utf8,
  Vector,
  vectorFromArray
} from 'apache-arrow';
import { readSessionColumn, sessionsFromColumn } from '../arrowIn';
import { computeCounts, IRawCounts } from '../counts';
import { ISessionData, sessionCount, sessionsFromArrays } from '../data';
import { allSessions, distinctSessions, IDistinctSessions, spread } from '../distinct';
import { explainRarestWindows, IExplanations, meanLogLikelihood, percentiles } from '../extras';
import { eventFactors, rarestWindows, sessionLikelihoods } from '../likelihood';
import { SessionModel, trainSessionModel } from '../model';
import { IScoreOptions, ISessionScores, scoreDistinctSessions, scoreSessionData } from '../score';
import { ICmd, SessionKind } from '../tokens';
import { prng } from '../../__tests__/prng';
import { item, MAP_TYPE, SET_TYPE } from './helpers';

type Session = (string | ICmd)[];

interface IFixture {
  name: string;
  kind: SessionKind;
  sessions: Session[];
}

const fixtures = (name: string): IFixture[] =>
  JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8')) as IFixture[];

const CMDS = ['Get-User', 'Set-User', 'Set-Mailbox', 'New-Rule', 'Remove-Item', 'é😀'];
const PARAMS = ['Identity', 'City', 'Force', 'Name'];

/**
 * `n` sessions of `kind`, most of them repeats of a few base sessions (some empty), the
 * others new. Values kind: "Identity" takes two values often enough to be modelled.
 */
function randomSessions(kind: SessionKind, seed: number, n: number, bases = 25): Session[] {
  const random = prng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const command = (): string | ICmd => {
    const name = pick(CMDS);
    if (kind === 'cmds') {
      return name;
    }
    const names = [
      ...new Set(Array.from({ length: Math.floor(random() * 3) }, () => pick(PARAMS)))
    ];
    if (kind === 'params') {
      return { name, params: names };
    }
    const params: Record<string, string | null> = { Identity: random() < 0.7 ? 'u1' : 'u2' };
    for (const p of names) {
      params[p] = random() < 0.2 ? null : pick(['a', 'b', 'c']);
    }
    return { name, params };
  };
  const session = () => Array.from({ length: Math.floor(random() * 5) }, command);
  const base = Array.from({ length: bases }, session);
  return Array.from({ length: n }, () =>
    random() < 0.15 ? session() : base[Math.floor(random() ** 2 * bases)]
  );
}

/**
 * n distinct sessions: the commands spell i in base 6 (cmds), or floor(i / 2) with i % 2
 * deciding the first command's param (params) or its value (values).
 */
function manySessions(kind: SessionKind, n: number): Session[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + 2;
    const names: string[] = [];
    for (let x = kind === 'cmds' ? i : i >> 1; x > 0; x = Math.floor(x / CMDS.length)) {
      names.push(CMDS[x % CMDS.length]);
    }
    if (kind === 'cmds') {
      return names;
    }
    return names.map((name, j) => ({
      name,
      params:
        kind === 'params'
          ? j === 0 && i % 2
            ? ['Force']
            : []
          : { Identity: j === 0 && i % 2 ? 'u2' : 'u1' }
    }));
  });
}

/** Session s of data by name: commands, params and values (null for "no value"). */
function sessionKey(data: ISessionData, s: number): string {
  const out: unknown[] = [];
  for (let i = data.offsets[s]; i < data.offsets[s + 1]; i++) {
    const name = data.cmdNames[data.cmds[i]];
    if (!data.paramOffsets || !data.params) {
      out.push(name);
      continue;
    }
    const params: unknown[] = [];
    for (let j = data.paramOffsets[i]; j < data.paramOffsets[i + 1]; j++) {
      const p = data.paramNames![data.params[j]];
      const v = data.values ? data.values[j] : -1;
      params.push(data.values ? [p, v < 0 ? null : data.valueNames![v]] : p);
    }
    out.push([name, params]);
  }
  return JSON.stringify(out);
}

const sessionKeys = (data: ISessionData) =>
  Array.from({ length: sessionCount(data) }, (_, s) => sessionKey(data, s));

/** The reference: first equal session of each session, from the sessions' names. */
function referenceFirstOf(data: ISessionData): number[] {
  const first = new Map<string, number>();
  return sessionKeys(data).map((k, s) => {
    if (!first.has(k)) {
      first.set(k, s);
    }
    return first.get(k)!;
  });
}

/** Bit-identical arrays (NaN equals NaN, 0 differs from -0). */
function expectBits(actual: ArrayLike<number>, expected: ArrayLike<number>, what = ''): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) {
      throw new Error(`${what}[${i}]: ${actual[i]} is not ${expected[i]}`);
    }
  }
}

function expectSameCounts(a: IRawCounts, b: IRawCounts): void {
  expect(a.kind).toBe(b.kind);
  expect(a.cmdNames).toEqual(b.cmdNames);
  expect(a.sessions).toBe(b.sessions);
  expectBits(a.seq1, b.seq1, 'seq1');
  expect([...a.seq2.entries()]).toEqual([...b.seq2.entries()]);
  expect(a.paramNames).toEqual(b.paramNames);
  expectBits(a.paramCounts, b.paramCounts, 'paramCounts');
  expect(a.cmdParams).toEqual(b.cmdParams); // ids in first-seen order, and counts
  expect(a.valueNames).toEqual(b.valueNames);
  // Map equality ignores order: compare the entries, in first-seen order
  expect(a.paramValues.map(m => [...m])).toEqual(b.paramValues.map(m => [...m]));
}

function expectSameModel(a: SessionModel, b: SessionModel): void {
  expectSameCounts(a.counts, b.counts);
  const size = a.vocabularySize;
  expect(b.vocabularySize).toBe(size);
  const all = (m: SessionModel, f: (m: SessionModel, x: number, y: number) => number) => {
    const out: number[] = [];
    for (let x = 0; x < size; x++) {
      for (let y = 0; y < size; y++) {
        out.push(f(m, x, y));
      }
    }
    return out;
  };
  const prior = (m: SessionModel, x: number) => m.prior(x);
  const trans = (m: SessionModel, x: number, y: number) => m.trans(x, y);
  expectBits(all(a, prior), all(b, prior), 'prior');
  expectBits(all(a, trans), all(b, trans), 'trans');
  for (let x = 0; x < size; x++) {
    expectBits(a.paramRow(x).ids, b.paramRow(x).ids, `paramRow(${x}).ids`);
    expectBits(a.paramRow(x).probs, b.paramRow(x).probs, `paramRow(${x}).probs`);
  }
  expect([...a.modellable]).toEqual([...b.modellable]);
  const values = (m: SessionModel) =>
    m.paramNames.flatMap((_, p) => [
      m.isModellable(p) ? 1 : 0,
      ...Array.from({ length: m.valueNames.length + 2 }, (_v, k) => m.valueProb(p, k - 1))
    ]);
  expectBits(values(a), values(b), 'valueProb');
}

function expectSameExplanations(a: IExplanations, b: IExplanations): void {
  expectBits(a.offsets, b.offsets, 'explanations.offsets');
  expectBits(a.from, b.from, 'explanations.from');
  expectBits(a.to, b.to, 'explanations.to');
  expectBits(a.probability, b.probability, 'explanations.probability');
  expectBits(a.paramProbability, b.paramProbability, 'explanations.paramProbability');
  expectBits(a.logProbability, b.logProbability, 'explanations.logProbability');
  expect(a.names).toEqual(b.names);
}

/** scoreSessionData's results computed on every session, without distinct sessions. */
function referenceScores(data: ISessionData, options: IScoreOptions) {
  const windowLength = options.windowLength ?? 3;
  const tokens = options.useStartEndTokens ?? true;
  const model = options.model ?? trainSessionModel(data);
  const enc = model.encode(data);
  const f = eventFactors(model, enc);
  const rarest = rarestWindows(f, enc.offsets, {
    windowLength,
    useStartEndTokens: tokens,
    useGeoMean: options.useGeoMean
  });
  const sessions = sessionLikelihoods(f, enc.offsets, tokens);
  const mean = meanLogLikelihood(sessions);
  return {
    model,
    rarest,
    sessions,
    mean,
    meanPercentile: percentiles(mean),
    rarestPercentile: percentiles(rarest.logLikelihood),
    explanations: explainRarestWindows(data, f, rarest, tokens)
  };
}

function expectSameScores(got: ISessionScores, ref: ReturnType<typeof referenceScores>): void {
  expectSameModel(got.model!, ref.model);
  expect(got.rarest.windowLength).toBe(ref.rarest.windowLength);
  expectBits(got.rarest.likelihood, ref.rarest.likelihood, 'rarest.likelihood');
  expectBits(got.rarest.logLikelihood, ref.rarest.logLikelihood, 'rarest.logLikelihood');
  expectBits(got.rarest.start, ref.rarest.start, 'rarest.start');
  expectBits(got.rarest.length, ref.rarest.length, 'rarest.length');
  expectBits(got.sessions!.likelihood, ref.sessions.likelihood, 'sessions.likelihood');
  expectBits(got.sessions!.logLikelihood, ref.sessions.logLikelihood, 'sessions.logLikelihood');
  expectBits(got.sessions!.geomean, ref.sessions.geomean, 'sessions.geomean');
  expectBits(got.sessions!.steps, ref.sessions.steps, 'sessions.steps');
  expectBits(got.meanLogLikelihood!, ref.mean, 'meanLogLikelihood');
  expectBits(got.meanLogLikelihoodPercentile!, ref.meanPercentile, 'meanPercentile');
  expectBits(got.rarestPercentile!, ref.rarestPercentile, 'rarestPercentile');
  expectSameExplanations(got.explanations!, ref.explanations);
}

/** Checks distinctSessions(data) against the reference first-of and returns it. */
function checkDistinct(data: ISessionData) {
  const n = sessionCount(data);
  const d = distinctSessions(data);
  const firstOf = referenceFirstOf(data);
  const firsts = firstOf.map((f, s) => (f === s ? s : -1)).filter(s => s >= 0);
  expect(sessionCount(d.data)).toBe(firsts.length);
  // distinct sessions in first-appearance order, each the session it stands for
  expect(sessionKeys(d.data)).toEqual(firsts.map(s => sessionKey(data, s)));
  expect(Array.from(d.of)).toEqual(firstOf.map(f => firsts.indexOf(f)));
  expect(Array.from(d.weight)).toEqual(firsts.map(f => firstOf.filter(x => x === f).length));
  expect(d.weight.reduce((a, b) => a + b, 0)).toBe(n);
  expect(d.data.kind).toBe(data.kind);
  expect(d.data.cmdNames).toBe(data.cmdNames);
  return d;
}

const SMALL: Record<SessionKind, Session[]> = {
  cmds: [['a', 'b'], ['a'], ['a', 'b'], [], ['a'], [], ['b', 'a'], ['a', 'b', 'b'], ['a', 'b']],
  params: [
    [{ name: 'A', params: ['x'] }],
    [{ name: 'A', params: ['y'] }],
    [{ name: 'A', params: ['x'] }],
    [{ name: 'A', params: ['x', 'y'] }],
    [{ name: 'A', params: [] }],
    [
      { name: 'A', params: ['x'] },
      { name: 'B', params: [] }
    ],
    [
      { name: 'A', params: [] },
      { name: 'B', params: ['x'] }
    ],
    [],
    [{ name: 'B', params: ['x'] }],
    [{ name: 'A', params: ['x', 'y'] }],
    [],
    [
      { name: 'A', params: [] },
      { name: 'B', params: ['x'] }
    ]
  ],
  values: [
    [{ name: 'A', params: { x: '1' } }],
    [{ name: 'A', params: { x: '2' } }],
    [{ name: 'A', params: { x: '1' } }],
    [{ name: 'A', params: { x: null } }],
    [{ name: 'A', params: { y: '1' } }],
    [{ name: 'A', params: {} }],
    [],
    [{ name: 'A', params: { x: '1', y: '1' } }],
    [{ name: 'A', params: { x: '1', y: '2' } }],
    [{ name: 'A', params: { x: '' } }], // no value, as null
    [{ name: 'A', params: { x: '2' } }],
    [{ name: 'B', params: { x: '1' } }]
  ]
};

describe('distinctSessions', () => {
  it('finds the repeats of commands-only sessions, empty ones included', () => {
    const data = sessionsFromArrays(SMALL.cmds);
    const d = checkDistinct(data);
    expect(Array.from(d.of)).toEqual([0, 1, 0, 2, 1, 2, 3, 4, 0]);
    expect(Array.from(d.weight)).toEqual([3, 2, 2, 1, 1]);
    expect(Array.from(d.data.offsets)).toEqual([0, 2, 3, 3, 5, 8]);
  });

  it('tells apart sessions differing only by a param or where the params are', () => {
    const data = sessionsFromArrays(SMALL.params);
    const d = checkDistinct(data);
    expect(Array.from(d.of)).toEqual([0, 1, 0, 2, 3, 4, 5, 6, 7, 2, 6, 5]);
    expect(Array.from(d.weight)).toEqual([2, 1, 2, 1, 1, 2, 2, 1]);
    expect(d.data.paramNames).toBe(data.paramNames);
    expect(d.data.values).toBeUndefined();
  });

  it('tells apart sessions differing only by a param value ("" and null are both no value)', () => {
    const data = sessionsFromArrays(SMALL.values);
    const d = checkDistinct(data);
    expect(Array.from(d.of)).toEqual([0, 1, 0, 2, 3, 4, 5, 6, 7, 2, 1, 8]);
    expect(Array.from(d.weight)).toEqual([2, 2, 2, 1, 1, 1, 1, 1, 1]);
    expect(d.data.valueNames).toBe(data.valueNames);
  });

  it('returns the data itself when every session is distinct, and handles no sessions', () => {
    const data = sessionsFromArrays([['a'], ['b'], [], ['a', 'b']]);
    const d = distinctSessions(data);
    expect(d.data).toBe(data);
    expect(Array.from(d.of)).toEqual([0, 1, 2, 3]);
    expect(Array.from(d.weight)).toEqual([1, 1, 1, 1]);
    const none = distinctSessions(sessionsFromArrays([]));
    expect(none.of.length).toBe(0);
    expect(none.weight.length).toBe(0);
    expect(sessionCount(none.data)).toBe(0);
  });

  it('uses data.firstOf when a reader set it', () => {
    const data = sessionsFromArrays([['a'], ['a'], ['b'], ['a'], ['b']]);
    // a reader that found no repeats: every session stays distinct
    const none = distinctSessions({ ...data, firstOf: Int32Array.from([0, 1, 2, 3, 4]) });
    expect(Array.from(none.of)).toEqual([0, 1, 2, 3, 4]);
    // a reader that found some of them (3 repeats 1, not 0)
    const some = distinctSessions({ ...data, firstOf: Int32Array.from([0, 1, 2, 1, 2]) });
    expect(Array.from(some.of)).toEqual([0, 1, 2, 1, 2]);
    expect(Array.from(some.weight)).toEqual([1, 2, 2]);
    expect(sessionKeys(some.data)).toEqual(['["a"]', '["a"]', '["b"]']);
    // without it the ids are hashed
    expect(Array.from(distinctSessions(data).of)).toEqual([0, 0, 1, 0, 1]);
  });

  it.each(['cmds', 'params', 'values'] as SessionKind[])(
    'finds every repeat among many %s sessions (the hash table grows)',
    kind => {
      // 1500 distinct sessions (past the first table of 1024 slots), 4500 repeats
      const distinct = manySessions(kind, 1500);
      const random = prng(7);
      const sessions = [
        ...distinct,
        ...Array.from({ length: 4500 }, () => distinct[Math.floor(random() * 1500)])
      ];
      for (let i = sessions.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [sessions[i], sessions[j]] = [sessions[j], sessions[i]];
      }
      const d = checkDistinct(sessionsFromArrays(sessions, kind));
      expect(sessionCount(d.data)).toBe(1500);
    }
  );

  it('tells apart every one of many random sessions (some hashes collide)', () => {
    // 250,000 random sessions of 8 commands out of 20: enough for equal 31-bit hashes between
    // different sessions, which only the full compare of the ids can settle
    const random = prng(13);
    const names = Array.from({ length: 20 }, (_, i) => `c${i}`);
    const sessions = Array.from({ length: 250_000 }, () =>
      Array.from({ length: 8 }, () => names[Math.floor(random() * 20)])
    );
    const d = distinctSessions(sessionsFromArrays(sessions));
    const first = new Map<string, number>();
    const of = sessions.map(x => {
      const key = x.join();
      if (!first.has(key)) {
        first.set(key, first.size);
      }
      return first.get(key)!;
    });
    expect(sessionCount(d.data)).toBe(first.size);
    const wrong = of.findIndex((x, s) => d.of[s] !== x);
    expect(wrong).toBe(-1);
  });

  it('spreads per-distinct values back to every session', () => {
    const of = Int32Array.from([0, 1, 0, 2, 1]);
    const f = spread(Float64Array.from([0.5, NaN, -1]), of);
    expect(f).toBeInstanceOf(Float64Array);
    expectBits(f, [0.5, NaN, 0.5, -1, NaN]);
    const i = spread(Int32Array.from([7, 8, 9]), of);
    expect(i).toBeInstanceOf(Int32Array);
    expect(Array.from(i)).toEqual([7, 8, 7, 9, 8]);
  });
});

describe('allSessions', () => {
  it.each(['cmds', 'params', 'values'] as SessionKind[])(
    'gives every %s session back, with firstOf',
    kind => {
      const data = sessionsFromArrays(randomSessions(kind, 12, 800), kind);
      const d = distinctSessions(data);
      const all = allSessions(d);
      expect(sessionKeys(all)).toEqual(sessionKeys(data));
      expect(Array.from(all.offsets)).toEqual(Array.from(data.offsets));
      expect(Array.from(all.cmds)).toEqual(Array.from(data.cmds));
      expect(all.paramOffsets && Array.from(all.paramOffsets)).toEqual(
        data.paramOffsets && Array.from(data.paramOffsets)
      );
      expect(all.params && Array.from(all.params)).toEqual(data.params && Array.from(data.params));
      expect(all.values && Array.from(all.values)).toEqual(data.values && Array.from(data.values));
      expect(Array.from(all.firstOf!)).toEqual(referenceFirstOf(data));
      // and back: the same distinct sessions from its firstOf
      const again = distinctSessions(all);
      expect(Array.from(again.of)).toEqual(Array.from(d.of));
      expect(Array.from(again.weight)).toEqual(Array.from(d.weight));
      expect(sessionKeys(again.data)).toEqual(sessionKeys(d.data));
    }
  );

  it('points each session at the first session of its distinct session', () => {
    const data = sessionsFromArrays([['a'], ['b'], ['a'], ['a'], ['b']]);
    // a reader that missed that session 2 repeats session 0
    const d = distinctSessions({ ...data, firstOf: Int32Array.from([0, 1, 2, 2, 1]) });
    expect(Array.from(d.of)).toEqual([0, 1, 2, 2, 1]);
    const all = allSessions(d);
    expect(Array.from(all.firstOf!)).toEqual([0, 1, 2, 2, 1]);
    expect(sessionKeys(all)).toEqual(sessionKeys(data));
    expect(sessionCount(allSessions(distinctSessions(sessionsFromArrays([]))))).toBe(0);
  });
});

/** Data sets with repeats: the small ones above, random ones and the sample fixtures. */
function dataSets(): [string, ISessionData][] {
  const out: [string, ISessionData][] = [];
  for (const kind of ['cmds', 'params', 'values'] as SessionKind[]) {
    out.push([`small ${kind}`, sessionsFromArrays(SMALL[kind])]);
    out.push([`random ${kind}`, sessionsFromArrays(randomSessions(kind, 42, 400))]);
  }
  for (const c of fixtures('sample_sessions.json')) {
    out.push([`sample ${c.name}`, sessionsFromArrays(c.sessions, c.kind)]);
  }
  return out;
}

describe('training on weighted distinct sessions', () => {
  it.each(dataSets())('%s: the same raw counts and probabilities', (_name, data) => {
    const d = checkDistinct(data);
    expectSameCounts(computeCounts(d.data, undefined, d.weight), computeCounts(data));
    expectSameModel(trainSessionModel(d.data, { weights: d.weight }), trainSessionModel(data));
  });

  it('models values in the random values sessions (so value probabilities are compared)', () => {
    const data = sessionsFromArrays(randomSessions('values', 42, 400));
    const d = distinctSessions(data);
    expect([...trainSessionModel(d.data, { weights: d.weight }).modellable]).toContain('Identity');
  });

  it('counts weight times what a single session counts', () => {
    const data = sessionsFromArrays([[{ name: 'A', params: { x: '1' } }], ['B']], 'values');
    const c = computeCounts(data, undefined, Float64Array.from([3, 2]));
    expect(c.sessions).toBe(5);
    expect(c.seq1[0]).toBe(5); // START
    expect(c.seq1[3]).toBe(3); // A
    expect(c.seq2.get(3, 1)).toBe(3); // A → END
    expect(c.cmdParams[3]).toEqual({ ids: [0], counts: [3] });
    expect([...c.paramValues[0]]).toEqual([[0, 3]]);
  });
});

describe('scoring distinct sessions', () => {
  const variants: IScoreOptions[] = [
    {},
    { windowLength: 1 },
    { windowLength: 2, useStartEndTokens: false },
    { windowLength: 3, useGeoMean: true },
    { windowLength: 5 },
    { windowLength: 4, useStartEndTokens: false, useGeoMean: true }
  ];

  it.each(dataSets())('%s: the same scores as on every session', (_name, data) => {
    for (const options of variants) {
      expectSameScores(scoreSessionData(data, options), referenceScores(data, options));
    }
  });

  it('scores with a given model the same as on every session', () => {
    const train = sessionsFromArrays(randomSessions('values', 1, 300));
    const model = trainSessionModel(train);
    const data = sessionsFromArrays(randomSessions('values', 2, 300));
    expectSameScores(scoreSessionData(data, { model }), referenceScores(data, { model }));
  });

  it('gives repeats the scores of their first session', () => {
    const data = sessionsFromArrays(randomSessions('params', 3, 300));
    const r = scoreSessionData(data);
    referenceFirstOf(data).forEach((f, s) => {
      expect(r.rarest.likelihood[s]).toBe(r.rarest.likelihood[f]);
      expect(r.sessions!.logLikelihood[s]).toBe(r.sessions!.logLikelihood[f]);
    });
  });

  it('scores the same whatever firstOf a reader found (none, some or all repeats)', () => {
    const data = sessionsFromArrays(randomSessions('cmds', 4, 300));
    const ref = referenceScores(data, {});
    const all = Int32Array.from(referenceFirstOf(data));
    // a reader that missed the repeats of every third session
    const some = all.map((f, s) => (s % 3 === 0 ? s : f));
    expect(some.some((f, s) => f !== s)).toBe(true);
    for (const firstOf of [all, some, Int32Array.from(all, (_, s) => s)]) {
      expectSameScores(scoreSessionData({ ...data, firstOf }), ref);
    }
  });
});

describe('firstOf from Arrow session columns', () => {
  const LIST = new List(item('item', new Utf8()));
  const DICT_LIST = new List(item('item', new Dictionary(new Utf8(), new Int32())));
  /** Arrow rows for sessions (maps for values); null rows where `nulls` says. */
  function rowsOf(sessions: Session[], kind: SessionKind, nulls?: (s: number) => boolean) {
    return sessions.map((s, i) =>
      nulls?.(i) && s.length === 0
        ? null
        : kind === 'values'
          ? (s as ICmd[]).map(c => ({ name: c.name, params: new Map(Object.entries(c.params)) }))
          : s
    );
  }

  function column(parts: unknown[][], type: any): Vector {
    return makeVector(parts.map(p => vectorFromArray(p as any, type).data[0]));
  }

  /** Checks readSessionColumn's distinct sessions against the sessions, and scores them. */
  function checkDistinctColumn(table: Table, sessions: Session[], kind: SessionKind): void {
    const arrays = sessionsFromArrays(sessions, kind);
    const r: IDistinctSessions = readSessionColumn(table, 's');
    expect(r.data.kind).toBe(kind);
    expect(r.of.length).toBe(sessions.length);
    const keys = sessionKeys(r.data);
    // each row stands for a distinct session with its commands, numbered in order of appearance
    expect(Array.from(r.of, d => keys[d])).toEqual(sessionKeys(arrays));
    let next = 0;
    r.of.forEach(d => {
      expect(d).toBeLessThanOrEqual(next);
      next = Math.max(next, d + 1);
    });
    expect(next).toBe(sessionCount(r.data));
    const counts = new Array(next).fill(0);
    r.of.forEach(d => counts[d]++);
    expect(Array.from(r.weight)).toEqual(counts);
    expectSameScores(scoreDistinctSessions(r), referenceScores(arrays, {}));
  }

  /** Checks the column's data against sessionsFromArrays and returns it. */
  function checkColumn(col: Vector, sessions: Session[], kind: SessionKind): ISessionData {
    const table = new Table({ s: col });
    checkDistinctColumn(table, sessions, kind);
    const data = sessionsFromColumn(table, 's');
    const arrays = sessionsFromArrays(sessions, kind);
    expect(data.kind).toBe(kind);
    expect(sessionKeys(data)).toEqual(sessionKeys(arrays));
    expect(Array.from(data.offsets)).toEqual(Array.from(arrays.offsets));
    expect(data.paramOffsets && Array.from(data.paramOffsets)).toEqual(
      arrays.paramOffsets && Array.from(arrays.paramOffsets)
    );
    // the same names, first seen in the same order
    expect(data.cmdNames).toEqual(arrays.cmdNames);
    expect(data.paramNames).toEqual(arrays.paramNames);
    expect(data.valueNames).toEqual(arrays.valueNames);
    expect(data.firstOf).toBeDefined();
    const firstOf = data.firstOf!;
    expect(firstOf.length).toBe(sessions.length);
    const keys = sessionKeys(data);
    firstOf.forEach((f, s) => {
      expect(f).toBeLessThanOrEqual(s);
      expect(f).toBeGreaterThanOrEqual(0);
      expect(firstOf[f]).toBe(f);
      expect(keys[f]).toBe(keys[s]);
    });
    return data;
  }

  it.each([
    ['list<utf8>', LIST],
    ['list<dictionary<utf8>>', DICT_LIST]
  ])('finds every repeat of a single-chunk %s column', (_name, type) => {
    const sessions = randomSessions('cmds', 5, 2000);
    const data = checkColumn(column([sessions], type), sessions, 'cmds');
    const arrays = sessionsFromArrays(sessions);
    expect(Array.from(data.firstOf!)).toEqual(referenceFirstOf(arrays));
    const d = distinctSessions(data);
    const e = distinctSessions(arrays);
    expect(Array.from(d.of)).toEqual(Array.from(e.of));
    expect(Array.from(d.weight)).toEqual(Array.from(e.weight));
    expect(sessionKeys(d.data)).toEqual(sessionKeys(e.data));
  });

  it('finds repeats across the chunks of a list<utf8> column, null rows included', () => {
    const sessions = randomSessions('cmds', 6, 1500);
    // every chunk has null rows (empty sessions): the same validity layout in each
    const rows = rowsOf(sessions, 'cmds', () => true);
    const parts = [rows.slice(0, 400), rows.slice(400)];
    expect(parts.every(p => p.includes(null))).toBe(true);
    const data = checkColumn(column(parts, LIST), sessions, 'cmds');
    // exactly the repeats of the arrays, across the chunks too
    expect(Array.from(data.firstOf!)).toEqual(referenceFirstOf(sessionsFromArrays(sessions)));
    expect(data.firstOf!.slice(400).some(f => f < 400)).toBe(true);
    expectSameScores(scoreSessionData(data), referenceScores(sessionsFromArrays(sessions), {}));
  });

  it('reads chunks with nulls, without nulls and other dictionaries correctly', () => {
    const sessions = randomSessions('cmds', 8, 900);
    const rows = rowsOf(sessions, 'cmds', s => s < 300);
    const parts = [rows.slice(0, 300), rows.slice(300, 600), rows.slice(600)];
    for (const type of [LIST, DICT_LIST]) {
      const data = checkColumn(column(parts, type), sessions, 'cmds');
      // repeats missed across chunks only cost time: the scores are the same
      expectSameScores(scoreSessionData(data), referenceScores(sessionsFromArrays(sessions), {}));
    }
    const t = new Table([
      ...new Table({ s: vectorFromArray(parts[1], DICT_LIST) }).batches,
      ...new Table({ s: vectorFromArray(parts[2], DICT_LIST) }).batches
    ]);
    checkColumn(t.getChild('s')!, sessions.slice(300), 'cmds');
  });

  it.each(['cmds', 'params', 'values'] as SessionKind[])(
    'reads %s sessions as JSON text with their repeats',
    kind => {
      const sessions = randomSessions(kind, 10, 600);
      const table = new Table({
        s: vectorFromArray(
          sessions.map(x => JSON.stringify(x)),
          new Utf8()
        )
      });
      checkDistinctColumn(table, sessions, kind);
      const data = sessionsFromColumn(table, 's');
      expect(sessionKeys(data)).toEqual(sessionKeys(sessionsFromArrays(sessions, kind)));
      expect(Array.from(distinctSessions(data).of)).toEqual(
        Array.from(distinctSessions(sessionsFromArrays(sessions, kind)).of)
      );
    }
  );

  it.each(['params', 'values'] as SessionKind[])(
    'reads list<struct> %s columns with their repeats',
    kind => {
      const sessions = randomSessions(kind, 9, 1200);
      const rows = rowsOf(sessions, kind);
      const type = kind === 'params' ? SET_TYPE : MAP_TYPE;
      const data = checkColumn(column([rows], type), sessions, kind);
      const arrays = sessionsFromArrays(sessions, kind);
      expect(Array.from(data.firstOf!)).toEqual(referenceFirstOf(arrays));
      expect(Array.from(data.params!)).toEqual(Array.from(arrays.params!));
      if (kind === 'values') {
        expect(Array.from(data.values!)).toEqual(Array.from(arrays.values!));
      }
      expectSameScores(scoreSessionData(data), referenceScores(arrays, {}));
      const two = column([rows.slice(0, 500), rows.slice(500)], type);
      checkColumn(two, sessions, kind);
    }
  );
});

describe('percentiles', () => {
  it('is 100 x the share of sessions scoring at most this one, NaN ignored', () => {
    const scores = Float64Array.from([3, -Infinity, 2, NaN, 2, 5, -0, 0]);
    expect(Array.from(percentiles(scores))).toEqual([
      (100 * 6) / 7,
      (100 * 1) / 7,
      (100 * 5) / 7,
      NaN,
      (100 * 5) / 7,
      100,
      (100 * 3) / 7,
      (100 * 3) / 7
    ]);
  });

  it('with weights equals the percentiles of the scores repeated that many times', () => {
    const random = prng(11);
    const scores = Float64Array.from({ length: 300 }, () =>
      random() < 0.1 ? NaN : Math.round(random() * 40) / 4
    );
    const weights = Float64Array.from(scores, () => 1 + Math.floor(random() * 5));
    const repeated: number[] = [];
    scores.forEach((x, i) => repeated.push(...Array(weights[i]).fill(x)));
    const all = percentiles(Float64Array.from(repeated));
    let at = 0;
    const expected = Array.from(scores, (_, i) => {
      const p = all[at];
      at += weights[i];
      return p;
    });
    expect(Array.from(percentiles(scores, weights))).toEqual(expected);
  });
});
