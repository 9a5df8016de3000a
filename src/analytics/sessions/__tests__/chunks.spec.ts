// Tables of several record batches (as IPC streams from the kernel often are) and sliced
// vectors read the same as one contiguous table.
import { Field, List, Table, Utf8, vectorFromArray } from 'apache-arrow';
import { decodeIPC, encodeIPC } from '../../arrow';
import { scoreSessionTable } from '../table';

const listType = new List(new Field('item', new Utf8(), true));

describe('chunked input', () => {
  const sessions = [['a', 'b'], ['a'], ['b', 'b', 'a'], ['c', 'a'], ['a', 'b', 'c']];

  it('scores a table of several batches like a single one', () => {
    const whole = new Table({
      id: vectorFromArray([1, 2, 3, 4, 5]),
      session: vectorFromArray(sessions, listType)
    });
    const parts = new Table([
      ...new Table({
        id: vectorFromArray([1, 2]),
        session: vectorFromArray(sessions.slice(0, 2), listType)
      }).batches,
      ...new Table({
        id: vectorFromArray([3, 4, 5]),
        session: vectorFromArray(sessions.slice(2), listType)
      }).batches
    ]);
    expect(parts.batches.length).toBe(2);
    const a = scoreSessionTable(whole, { sessionColumn: 'session', windowLength: 2 });
    const b = decodeIPC(
      encodeIPC(scoreSessionTable(parts, { sessionColumn: 'session', windowLength: 2 }))
    );
    expect(b.numRows).toBe(5);
    expect(b.getChild('rarest_window2_likelihood')!.toArray()).toEqual(
      a.getChild('rarest_window2_likelihood')!.toArray()
    );
    expect(b.getChild('id')!.toArray()).toEqual(a.getChild('id')!.toArray());
  });

  it('reads a sliced session vector', () => {
    const t = new Table({ session: vectorFromArray(sessions, listType) });
    const sliced = t.slice(2);
    const out = scoreSessionTable(sliced, { sessionColumn: 'session', windowLength: 2 });
    const direct = scoreSessionTable(
      new Table({ session: vectorFromArray(sessions.slice(2), listType) }),
      {
        sessionColumn: 'session',
        windowLength: 2
      }
    );
    expect(out.getChild('rarest_window2_likelihood')!.toArray()).toEqual(
      direct.getChild('rarest_window2_likelihood')!.toArray()
    );
  });
});
