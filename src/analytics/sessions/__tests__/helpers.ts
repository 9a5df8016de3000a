// Shared test helpers.
import { makeVector, TimestampMillisecond } from 'apache-arrow';

/** A timestamp[ms, UTC] vector from epoch milliseconds. */
export function timestamps(ms: number[]) {
  return makeVector({
    type: new TimestampMillisecond('UTC'),
    data: BigInt64Array.from(ms, BigInt)
  } as any);
}
