import { asArray, asBuffer } from './replies';
import type { ScanOptions, ScanPage } from './valueTypes';

export const DEFAULT_PAGE_SIZE = 200;
/** With a selective MATCH a single call can return nothing; give up after this many calls per page. */
const MAX_CALLS_PER_PAGE = 100;

/**
 * Runs one SCAN-family command (`call(cursor, count)` → `[cursor, items]`) until a page is
 * full or the walk ends. SCAN may return an item twice; duplicates within a page are dropped
 * (`identity` names an item), duplicates across pages are left to the caller's table.
 */
export async function collectScanPage<T>(
  call: (cursor: string, count: number) => Promise<unknown>,
  toItems: (flat: unknown[]) => T[],
  identity: (item: T) => Buffer,
  options: ScanOptions,
): Promise<ScanPage<T>> {
  const pageSize = Math.max(1, options.pageSize ?? DEFAULT_PAGE_SIZE);
  const seen = new Set<string>();
  const items: T[] = [];
  let cursor = options.cursor ?? '0';
  for (let calls = 0; calls < MAX_CALLS_PER_PAGE; calls++) {
    const [next, flat] = asArray(await call(cursor, pageSize), 'SCAN');
    for (const item of toItems(asArray(flat, 'SCAN items'))) {
      const id = identity(item).toString('latin1');
      if (seen.has(id)) continue;
      seen.add(id);
      items.push(item);
    }
    cursor = asBuffer(next, 'SCAN cursor').toString();
    if (cursor === '0' || items.length >= pageSize) break;
  }
  return { items, cursor, done: cursor === '0' };
}

/** Arguments `MATCH pattern COUNT n` for a SCAN-family call. */
export function scanArgs(options: ScanOptions, count: number): (string | Buffer)[] {
  const args: (string | Buffer)[] = [];
  if (options.match !== undefined && options.match.length > 0) args.push('MATCH', options.match);
  args.push('COUNT', String(count));
  return args;
}
