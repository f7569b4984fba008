import type { RedisClient } from '../redis/connection/clientFactory';
import { keyHoldingTargets } from '../redis/cluster/clusterRouting';
import { WALK_DONE, type NodeReport } from '../redis/cluster/nodeWalks';

/**
 * Where a cancelled SCAN pass stopped: per node (every master of a Cluster) the cursor to send
 * next, or `done`, and which server process issued those cursors (INFO `run_id`). A cursor only
 * means something to the process that issued it, so a restart or a changed node set discards it.
 */
export interface ScanCheckpoint {
  /** Node address → next cursor, or `done`. */
  cursors: Map<string, string>;
  /** Node address → run_id at the start of the pass. */
  servers: ReadonlyMap<string, string>;
  /** Keys applied so far (after de-duplication). */
  keysDone: number;
  /** DBSIZE over the nodes when the pass started (0 when unknown). */
  keysExpected: number;
}

/** run_id of every key-holding node, by address ("" for a node not connected). */
export async function readServerIds(client: RedisClient): Promise<Map<string, string>> {
  const targets = keyHoldingTargets(client);
  // A user refused INFO gets "": such a checkpoint cannot be verified, so it is never resumed.
  const ids = await Promise.all(targets.map(async (t) => (t.node ? runIdOf(String(await t.node.info('server').catch(() => ''))) : '')));
  return new Map(targets.map((t, i) => [t.address, ids[i]]));
}

export function runIdOf(info: string): string {
  return /^run_id:(\S+)/m.exec(info)?.[1] ?? '';
}

/**
 * Why a checkpoint cannot be resumed against the servers as they are now, in one sentence, or
 * undefined when every node is the same process as when the pass started.
 */
export function checkpointMismatch(saved: ReadonlyMap<string, string>, now: ReadonlyMap<string, string>): string | undefined {
  const before = [...saved.keys()].sort();
  const after = [...now.keys()].sort();
  if (before.join(',') !== after.join(',')) return `The node set changed since the analysis stopped (${before.join(', ')} → ${after.join(', ')}), so it starts over.`;
  const unknown = before.filter((address) => !saved.get(address) || !now.get(address));
  if (unknown.length > 0) return `The run_id of ${unknown.join(', ')} cannot be read (INFO refused or the node is down), so the analysis starts over.`;
  const restarted = before.filter((address) => saved.get(address) !== now.get(address));
  if (restarted.length > 0) return `${restarted.join(', ')} restarted since the analysis stopped (new run_id), so it starts over.`;
  return undefined;
}

/**
 * The cursors to continue from, per node: the cursor after the last page the caller applied
 * (`applied`, else where this run started from). A node is `done` only once its final page (the
 * one followed by cursor 0) was applied: a walk may finish while its last page is still unread.
 */
export function cursorsAfter(reports: readonly NodeReport[], applied: ReadonlyMap<string, string>, from?: ReadonlyMap<string, string>): Map<string, string> {
  return new Map(
    reports.map((r) => {
      const last = applied.get(r.node);
      if (last === '0' || (last === undefined && from?.get(r.node) === WALK_DONE)) return [r.node, WALK_DONE];
      return [r.node, last ?? from?.get(r.node) ?? '0'];
    }),
  );
}

/** "Resume (12,345 keys done, ~40%)": the share is of DBSIZE at the start, capped below 100. */
export function resumeLabel(checkpoint: Pick<ScanCheckpoint, 'keysDone' | 'keysExpected'>, formatCount: (n: number) => string): string {
  const done = `${formatCount(checkpoint.keysDone)} keys done`;
  if (checkpoint.keysExpected <= 0) return `Resume (${done})`;
  const percent = Math.min(99, Math.round((100 * checkpoint.keysDone) / checkpoint.keysExpected));
  return `Resume (${done}, ~${percent}%)`;
}
