// The pool size setting reaches the primary worker through its name.
import { poolWorkersOfName, workerName } from '../pool/name';

describe('pool size in the worker name', () => {
  it.each([
    [undefined, null],
    [0, null],
    [3, 3],
    [16, 16]
  ])('setting %p -> %p', (setting, size) => {
    expect(poolWorkersOfName(workerName(setting))).toBe(size);
  });

  it('ignores other names', () => {
    expect(poolWorkersOfName('')).toBeNull();
    expect(poolWorkersOfName('pool=x')).toBeNull();
  });
});
