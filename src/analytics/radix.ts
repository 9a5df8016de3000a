// Stable LSD radix sort of row indices by unsigned 32-bit key words: the sort of the table view
// (see sort.ts). 11-bit digits keep the histograms small enough for short ranges, and a digit
// every key shares is skipped, so a narrow range (small ints, ranks) costs one or two passes.

const BITS = 11;
const BUCKETS = 1 << BITS;
/** Digits of one 32-bit word: shifts 0, 11, 22 (the last one 10 bits wide). */
const SHIFTS = [0, BITS, 2 * BITS];

/**
 * Sorts `idx` by `keys` (most significant word first; each array as long as idx), stable:
 * equal keys keep their order in idx. With `keepKeys` the key arrays are permuted along with
 * idx (the caller reads the sorted keys); otherwise a pass moves only the words later passes
 * still read, and the key arrays are left in an unspecified order.
 */
export function radixSort(idx: Int32Array, keys: Uint32Array[], keepKeys = false): void {
  const n = idx.length;
  if (n < 2) {
    return;
  }
  const counts = histograms(keys, n);
  const passes: { w: number; d: number }[] = [];
  for (let w = keys.length - 1; w >= 0; w--) {
    for (let d = 0; d < SHIFTS.length; d++) {
      if (!singleBucket(digitCounts(counts, w, d), n)) {
        passes.push({ w, d }); // a digit every key shares would not move anything
      }
    }
  }
  let src: IArrays = { idx, keys: [...keys] };
  let dst: IArrays = { idx: new Int32Array(n), keys: keys.map(() => new Uint32Array(0)) };
  passes.forEach(({ w, d }, p) => {
    // Words a later pass reads: this one (if it has another digit to go) and the ones above.
    const last = p + 1 < passes.length && passes[p + 1].w === w ? w : w - 1;
    const carry = keepKeys ? keys.length - 1 : last;
    for (let k = 0; k <= carry; k++) {
      if (dst.keys[k].length !== n) {
        dst.keys[k] = new Uint32Array(n);
      }
    }
    scatter(src, dst, w, SHIFTS[d], digitCounts(counts, w, d), carry);
    [src, dst] = [dst, src];
  });
  if (src.idx !== idx) {
    idx.set(src.idx);
    if (keepKeys) {
      keys.forEach((k, w) => k.set(src.keys[w]));
    }
  }
}

function digitCounts(counts: Int32Array, w: number, d: number): Int32Array {
  const at = (w * SHIFTS.length + d) * BUCKETS;
  return counts.subarray(at, at + BUCKETS);
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

/** One counting-sort pass on the digit of word w at `shift`, moving words 0..carry along. */
function scatter(
  src: IArrays,
  dst: IArrays,
  w: number,
  shift: number,
  count: Int32Array,
  carry: number
): void {
  const start = new Int32Array(BUCKETS);
  for (let b = 1; b < BUCKETS; b++) {
    start[b] = start[b - 1] + count[b - 1];
  }
  const digit = src.keys[w];
  const mask = BUCKETS - 1;
  const n = src.idx.length;
  const si = src.idx;
  const di = dst.idx;
  if (carry < 0) {
    for (let i = 0; i < n; i++) {
      di[start[(digit[i] >>> shift) & mask]++] = si[i];
    }
  } else if (carry === 0) {
    const sk = src.keys[0];
    const dk = dst.keys[0];
    for (let i = 0; i < n; i++) {
      const at = start[(digit[i] >>> shift) & mask]++;
      di[at] = si[i];
      dk[at] = sk[i];
    }
  } else {
    for (let i = 0; i < n; i++) {
      const at = start[(digit[i] >>> shift) & mask]++;
      di[at] = si[i];
      for (let k = 0; k <= carry; k++) {
        dst.keys[k][at] = src.keys[k][i];
      }
    }
  }
}
