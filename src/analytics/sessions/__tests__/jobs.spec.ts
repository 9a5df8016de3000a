// The worker jobs: tables from the store in, Arrow tables out.
import { List, Field, Table, Utf8, vectorFromArray } from 'apache-arrow';
import { JobContext } from '../../job';
import { TableStore } from '../../../worker/store';
import { scoreSessionsJob, sessionizeJob } from '../../../worker/jobs/sessions';
import { timestamps } from './helpers';

describe('session jobs', () => {
  const store = new TableStore();
  const events = store.add(
    new Table({
      user: vectorFromArray(['u1', 'u1', 'u2', 'u1'], new Utf8()),
      time: timestamps([0, 60_000, 0, 3_600_000]),
      cmd: vectorFromArray(['a', 'b', 'a', 'a'], new Utf8())
    })
  );
  const sessions = store.add(
    new Table({
      session: vectorFromArray([['a', 'b'], ['a']], new List(new Field('item', new Utf8(), true)))
    })
  );

  it('sessionizes an event table', () => {
    const t = sessionizeJob(store, new JobContext(), {
      tableId: events.id,
      userColumns: ['user'],
      timeColumn: 'time',
      commandColumn: 'cmd',
      maxSessionMinutes: 20,
      maxGapMinutes: 2
    });
    expect(
      t
        .getChild('cmd_list')!
        .toArray()
        .map((v: any) => v.toArray())
    ).toEqual([['a', 'b'], ['a'], ['a']]);
  });

  it('scores a session column or sessionizes events first', () => {
    const a = scoreSessionsJob(store, new JobContext(), {
      tableId: sessions.id,
      sessionColumn: 'session',
      windowLength: 2
    });
    expect(a.getChild('rarest_window2_likelihood')!.length).toBe(2);
    const b = scoreSessionsJob(store, new JobContext(), {
      tableId: events.id,
      userColumns: ['user'],
      timeColumn: 'time',
      commandColumn: 'cmd'
    });
    expect(b.numRows).toBe(3);
    expect(b.getChild('rarest_window3_likelihood')).toBeTruthy();
    expect(() => scoreSessionsJob(store, new JobContext(), { tableId: events.id })).toThrow(
      /session column, or a time column/
    );
  });
});
