import type { NodeReport } from '../../redis/cluster/nodeWalks';
import type { ReadFallback } from './rawReads';
import type { ServerProfile } from './serverProfile';

export interface NoteFacts {
  profiles: readonly ServerProfile[];
  noTouch: boolean;
  detailSample: number;
  exactMemoryBelow: number;
  sample: number | undefined;
  complete: boolean;
  nodes: readonly NodeReport[];
  readFallbacks: readonly ReadFallback[];
}

/** What the reader of a live report should know about how its figures were obtained. */
export function liveNotes(facts: NoteFacts): string[] {
  const notes: string[] = [];
  const versions = [...new Set(facts.profiles.map((p) => p.version))].join(', ');
  if (!facts.complete) {
    const failed = facts.nodes.filter((n) => n.state === 'failed' || n.state === 'unreachable');
    notes.push(
      failed.length > 0
        ? `Partial report: ${failed.map((n) => `${n.node} ${n.state}${n.error ? ` (${n.error})` : ''}`).join('; ')}.`
        : 'Partial report: the analysis was stopped before the scan ended; the figures cover the keys read so far.',
    );
  }
  if (facts.sample !== undefined) {
    notes.push(`Sampled analysis: about ${facts.sample.toLocaleString('en-US')} randomly chosen keys were measured and the memory figures extrapolated to every key the scan counted (± one standard error shown). A sample can miss a few very big keys, and its error cannot show that: analyze every key to rank the top keys.`);
  }
  notes.push(
    `Encodings, element counts and idle times or LFU counters were read for the keys that may rank among the top keys and up to about ${facts.detailSample} keys per pattern (more for large patterns); the encoding distribution is estimated from that sample.`,
  );
  notes.push(
    `MEMORY USAGE used the server's default sampling for every key: exact for strings, listpacks and intsets, an estimate from 5 elements for bigger hashes, sets, sorted sets, lists and streams; keys in the top lists with fewer than ${facts.exactMemoryBelow.toLocaleString('en-US')} elements were measured exactly (SAMPLES 0).`,
  );
  if (!facts.noTouch) {
    notes.push(`Redis ${versions} has no CLIENT NO-TOUCH (7.2+): the keys whose element counts were read had their LRU/LFU data refreshed (their idle times were read first).`);
  }
  for (const fallback of facts.readFallbacks) {
    notes.push(`The analysis could not open its own connection to ${fallback.node} (${fallback.reason}), so it read through the connection's own client: slower, same figures.`);
  }
  const refused = facts.profiles.find((p) => p.config === null);
  if (refused) {
    notes.push(`CONFIG GET was refused on ${refused.node} (${refused.configError ?? 'no permission'}): encoding thresholds are the defaults of Redis ${refused.version}, and the advisor judged only what INFO tells (maxmemory, the eviction policy, AOF, fragmentation), skipping save points, lazyfree-* and activedefrag.`);
  }
  return notes;
}
