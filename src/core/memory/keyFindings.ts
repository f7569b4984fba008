import { BoundedTop } from './boundedTop';
import type { LazyKeyEntry } from './lazyKeyEntry';
import type { EncodingThresholds, MemoryKeyInput } from './reportTypes';

const EXAMPLES = 5;

/** An example key of a finding; `elements` is null when its count was not read (live analysis). */
export interface FindingExample {
  key: string;
  memoryBytes: number;
  elements: number | null;
}

/** Keys that share one finding: how many, their memory, and the biggest few as examples. */
export class FindingGroup {
  keys = 0;
  memoryBytes = 0;
  maxElements = 0;
  private readonly examples = new BoundedTop<FindingExample>(EXAMPLES);

  add(input: MemoryKeyInput, entry: LazyKeyEntry): void {
    this.keys++;
    this.memoryBytes += input.memoryBytes;
    if (input.elements !== null && input.elements > this.maxElements) this.maxElements = input.elements;
    if (this.examples.accepts(input.memoryBytes)) this.examples.offer(input.memoryBytes, { key: entry.name, memoryBytes: input.memoryBytes, elements: input.elements });
  }

  get exampleKeys(): FindingExample[] {
    return this.examples.sorted();
  }
}

export interface FindingLimits {
  bigKeyBytes: number;
  bigKeyElements: number;
  unboundedElements: number;
}

/**
 * Per-key findings gathered while the keys stream by (bounded: counts plus a few examples each).
 * Big keys by memory are found among every measured key; findings that need an element count or
 * an encoding only among keys whose details were read.
 */
export class KeyFindings {
  readonly big = new FindingGroup();
  readonly unbounded: Record<'list' | 'stream' | 'zset', FindingGroup> = { list: new FindingGroup(), stream: new FindingGroup(), zset: new FindingGroup() };
  /** Per type: collections in their big encoding although within twice the compact thresholds. */
  readonly justOver: Record<'hash' | 'zset' | 'set', FindingGroup> = { hash: new FindingGroup(), zset: new FindingGroup(), set: new FindingGroup() };

  constructor(
    private readonly limits: FindingLimits,
    private readonly thresholds: EncodingThresholds,
  ) {}

  /** Every measured key: big by memory. */
  addMeasured(input: MemoryKeyInput, entry: LazyKeyEntry): void {
    if (input.memoryBytes >= this.limits.bigKeyBytes) this.big.add(input, entry);
  }

  /** A key whose element count and encoding were read. */
  addDetailed(input: MemoryKeyInput, entry: LazyKeyEntry): void {
    const elements = input.elements ?? 0;
    if (input.memoryBytes < this.limits.bigKeyBytes && input.type !== 'string' && elements >= this.limits.bigKeyElements) this.big.add(input, entry);
    if ((input.type === 'list' || input.type === 'stream' || input.type === 'zset') && input.ttlMs === null && elements >= this.limits.unboundedElements) {
      this.unbounded[input.type].add(input, entry);
    }
    const limits = this.compactLimits(input);
    if (limits && (input.encoding === 'hashtable' || input.encoding === 'skiplist')) {
      const [entries, value] = limits;
      const overEntries = elements > entries && elements <= 2 * entries && input.maxElementBytes <= value;
      const overValue = elements <= entries && input.maxElementBytes > value && input.maxElementBytes <= 2 * value;
      if (overEntries || overValue) this.justOver[input.type as 'hash' | 'zset' | 'set'].add(input, entry);
    }
  }

  private compactLimits(input: MemoryKeyInput): [number, number] | null {
    const t = this.thresholds;
    if (input.type === 'hash') return [t.hashEntries, t.hashValue];
    if (input.type === 'zset') return [t.zsetEntries, t.zsetValue];
    if (input.type === 'set' && t.setListpackEntries !== null && t.setListpackValue !== null) return [t.setListpackEntries, t.setListpackValue];
    return null;
  }
}
