// Byte and item accounting for one decode call: every decoded or decompressed byte is
// charged here, so a bomb stops at a cap instead of exhausting memory.
import { DEFAULT_LIMITS, IDecodeLimits } from './types';

export class LimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LimitError';
  }
}

export class Budget {
  readonly limits: IDecodeLimits;
  totalBytes = 0;
  items = 0;

  constructor(limits?: Partial<IDecodeLimits>) {
    this.limits = { ...DEFAULT_LIMITS, ...(limits ?? {}) };
  }

  /** Charge n more bytes of one blob whose size so far (including n) is itemBytes. */
  charge(n: number, itemBytes: number): void {
    if (itemBytes > this.limits.maxItemBytes) {
      throw new LimitError(
        `limit reached: an item exceeds ${this.limits.maxItemBytes} bytes (maxItemBytes)`
      );
    }
    this.totalBytes += n;
    if (this.totalBytes > this.limits.maxTotalBytes) {
      throw new LimitError(
        `limit reached: decoded data exceeds ${this.limits.maxTotalBytes} bytes in total (maxTotalBytes)`
      );
    }
  }

  get itemsLeft(): boolean {
    return this.items < this.limits.maxItems;
  }
}
