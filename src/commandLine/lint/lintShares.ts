/**
 * A lint run split across threads (--jobs): the files, in import order, are cut into contiguous shares
 * of about equal size; this thread lints the first share while worker threads (the CLI bundle itself:
 * see src/cli.ts) lint the others. Each thread's analyzer publishes what the run's last pass needs,
 * and this thread's analyzer takes it all in before the files are settled (runCli.ts).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { Analyzer } from '../../core/analysis';
import { type ChunkRequest, type ChunkResult, lintChunk } from './lintChunk';
import type { LintedFile } from './lintFile';
import type { SourceRead } from './readSource';

const ROLE = 'redis-specialist-lint-share';

/** Below this many files a run stays in one thread: starting a thread (its grammar included) costs more than it saves. */
export const MIN_FILES_PER_THREAD = 100;
/** Beyond four threads, re-reading the files other shares export to each share costs more than the threads gain. */
const MAX_AUTO_THREADS = 4;

interface ShareData {
  role: typeof ROLE;
  request: ChunkRequest;
}

type ShareReply = { ok: true; result: ChunkResult } | { ok: false; error: string };

/** How many threads a run of `files` files uses: `requested` (a number, or 'auto'), 1 without a worker entry. */
export function threadCount(requested: number | 'auto', files: number, workerEntry: string | undefined): number {
  if (!workerEntry || files < 2) return 1;
  if (requested !== 'auto') return Math.max(1, Math.min(requested, files));
  return Math.max(1, Math.min(availableParallelism(), MAX_AUTO_THREADS, Math.floor(files / MIN_FILES_PER_THREAD)));
}

/** `order` (indexes into `sources`) cut into `count` contiguous runs of about equal text length. */
export function cutIntoShares(order: readonly number[], sources: readonly SourceRead[], count: number): number[][] {
  const size = (i: number): number => (sources[i].ok ? sources[i].text.length : 0) + 1;
  const total = order.reduce((sum, i) => sum + size(i), 0);
  const shares: number[][] = [[]];
  let done = 0;
  for (const i of order) {
    // A file goes to the next share when more of it lies past this share's end than before it.
    if (shares.length < count && shares[shares.length - 1].length > 0 && done + size(i) / 2 > (total * shares.length) / count) shares.push([]);
    shares[shares.length - 1].push(i);
    done += size(i);
  }
  return shares;
}

/**
 * Lints the files of `order` in `count` threads (this one included); the files' results come back in
 * `order`. A share whose thread fails is linted again here, so a broken thread costs time, not findings.
 */
export async function lintInShares(
  analyzer: Analyzer,
  base: Omit<ChunkRequest, 'owned'>,
  sources: readonly SourceRead[],
  order: readonly number[],
  count: number,
  workerEntry: string,
): Promise<LintedFile[]> {
  const requests = cutIntoShares(order, sources, count).map((share): ChunkRequest => ({ ...base, owned: share.map((index) => ({ index, source: sources[index] })) }));
  const threads = requests.slice(1).map((request) => inWorker(workerEntry, request));
  const results: ChunkResult[] = [await lintChunk(requests[0], analyzer)];
  for (const [i, thread] of threads.entries()) results.push(await thread.catch(() => lintChunk(requests[i + 1], analyzer)));
  for (const result of results) for (const settlement of result.settlements) analyzer.absorbSettlement(settlement);
  return results.flatMap((r) => r.files);
}

function inWorker(entry: string, request: ChunkRequest): Promise<ChunkResult> {
  return new Promise((resolve, reject) => {
    const data: ShareData = { role: ROLE, request };
    const worker = new Worker(entry, { workerData: data });
    let settled = false;
    worker.once('message', (reply: ShareReply) => {
      settled = true;
      if (reply.ok) resolve(reply.result);
      else reject(new Error(reply.error));
      void worker.terminate();
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`lint thread exited with code ${code}`));
    });
  });
}

export function isLintShareWorker(data: unknown): data is ShareData {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === ROLE;
}

/** The worker thread's side: lints its share and answers once. */
export async function runLintShare(data: ShareData, reply: (message: ShareReply) => void): Promise<void> {
  const analyzer = new Analyzer({ wasm: data.request.wasm });
  try {
    reply({ ok: true, result: await lintChunk(data.request, analyzer) });
  } catch (err) {
    reply({ ok: false, error: err instanceof Error ? err.message : String(err) });
  } finally {
    analyzer.dispose();
  }
}

