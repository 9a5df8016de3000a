// Stable LSD radix sort of row indices by unsigned 32-bit key words: the sort of the table view
// (see sort.ts). 11-bit digits keep the histograms small enough for short ranges, and a digit
// every key shares is skipped, so a narrow range (small ints, ranks) costs one or two passes.

const BITS = 11;
const BUCKETS = 1 << BITS;
/** Digits of one 32-bit word: shifts 0, 11, 22 (the last one 10 bits wide). */
const SHIFTS = [0, BITS, 2 * BITS];

/**
 * Sorts `idx` by `keys` (most significant word first; each array as long as idx, permuted
 * along with it), stable: equal keys keep their order in idx.
 */
export function radixSort(idx: Int32Array, keys: Uint32Array[]): void {
  const n = idx.length;
  if (n < 2) {
    return;
  }
  const counts = histograms(keys, n);
  let src: IArrays = { idx, keys };
  let dst: IArrays = { idx: new Int32Array(n), keys: keys.map(() => new Uint32Array(n)) };
  for (let w = keys.length - 1; w >= 0; w--) {
    for (let d = 0; d < SHIFTS.length; d++) {
      const count = counts.subarray(
        (w * SHIFTS.length + d) * BUCKETS,
        (w * SHIFTS.length + d + 1) * BUCKETS
      );
      if (singleBucket(count, n)) {
        continue; // every key has this digit: the pass would not move anything
      }
      scatter(src, dst, w, SHIFTS[d], count);
      [src, dst] = [dst, src];
    }
  }
  if (src.idx !== idx) {
    idx.set(src.idx);
    keys.forEach((k, w) => k.set(src.keys[w]));
  }
}

/** Counts of every digit of every word, in one read of the keys. */
function histograms(keys: Uint32Array[], n: number): Int32Array {
  const counts = new Int32Array(keys.length * SHIFTS.length * BUCKETS);
  const mask = BUCKETS - 1;
  keys.forEach((key, w) => {
    const base = w * SHIFTS.length * BUCKETS;
    for (let i = 0; i < n; i++) {
      const k = key[i];
      counts[base + (k & mask)]++;
      counts[base + BUCKETS + ((k >>> BITS) & mask)]++;
      counts[base + 2 * BUCKETS + (k >>> (2 * BITS))]++;
    }
  });
  return counts;
}

function singleBucket(count: Int32Array, n: number): boolean {
  for (let b = 0; b < BUCKETS; b++) {
    if (count[b] !== 0) {
      return count[b] === n;
    }
  }
  return true;
}

interface IArrays {
  idx: Int32Array;
  keys: Uint32Array[];
}

/** One counting-sort pass on the digit of word w at `shift`. */
function scatter(src: IArrays, dst: IArrays, w: number, shift: number, count: Int32Array): void {
  const start = new Int32Array(BUCKETS);
  for (let b = 1; b < BUCKETS; b++) {
    start[b] = start[b - 1] + count[b - 1];
  }
  const digit = src.keys[w];
  const mask = BUCKETS - 1;
  const n = src.idx.length;
  if (src.keys.length === 1) {
    // The common case (one word), without the inner loop over words.
    const sk = src.keys[0];
    const dk = dst.keys[0];
    for (let i = 0; i < n; i++) {
      const at = start[(digit[i] >>> shift) & mask]++;
      dst.idx[at] = src.idx[i];
      dk[at] = sk[i];
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const at = start[(digit[i] >>> shift) & mask]++;
    dst.idx[at] = src.idx[i];
    for (let k = 0; k < src.keys.length; k++) {
      dst.keys[k][at] = src.keys[k][i];
    }
  }
}
