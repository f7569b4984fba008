import type { CommandStat, KeyspaceDb, ReplicaLink } from '../../protocol/dashboardData';

/**
 * Parser for the text reply of `INFO`: `# Section` headers followed by `field:value` lines
 * (CRLF separated). Section names are lower-cased (`# Commandstats` → `commandstats`) because the
 * server's capitalisation is not stable across versions; field names are kept as sent.
 */
export type InfoSections = Record<string, Record<string, string>>;

export class InfoParseError extends Error {
  override readonly name = 'InfoParseError';
}

/** Fields seen before any `# Section` header (a reply to `INFO <section>` from some proxies). */
const NO_SECTION = '';

export function parseInfo(text: string): InfoSections {
  if (typeof text !== 'string') throw new InfoParseError(`Expected the text reply of INFO, got ${typeof text}.`);
  const sections: InfoSections = {};
  let current = NO_SECTION;
  let fields = 0;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line === '') continue;
    if (line.startsWith('#')) {
      current = line.slice(1).trim().toLowerCase();
      sections[current] ??= {};
      continue;
    }
    // Values may themselves contain ':' (executable paths, IPv6 addresses): split on the first.
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    (sections[current] ??= {})[line.slice(0, colon)] = line.slice(colon + 1);
    fields++;
  }
  if (fields === 0 && Object.keys(sections).length === 0) {
    throw new InfoParseError(`Not an INFO reply (no "field:value" lines): ${JSON.stringify(text.slice(0, 80))}`);
  }
  return sections;
}

/** Looks a field up in any section (field names are unique across INFO sections). */
export function infoField(info: InfoSections, field: string): string | undefined {
  for (const section of Object.values(info)) {
    if (Object.prototype.hasOwnProperty.call(section, field)) return section[field];
  }
  return undefined;
}

/** A numeric field, or `fallback` when absent or not a number (older servers lack some fields). */
export function infoNumber(info: InfoSections, field: string, fallback = 0): number {
  const value = infoField(info, field);
  if (value === undefined) return fallback;
  const n = Number(value);
  return Number.isFinite(n) ? n : fallback;
}

/** Splits the `a=1,b=2` values used by keyspace, commandstats, replica and sentinel lines. */
export function parseFieldList(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

function num(fields: Record<string, string>, name: string): number {
  const n = Number(fields[name]);
  return Number.isFinite(n) ? n : 0;
}

/** `db0:keys=2,expires=1,avg_ttl=0` lines, sorted by db number. */
export function parseKeyspace(info: InfoSections): KeyspaceDb[] {
  const out: KeyspaceDb[] = [];
  for (const [name, value] of Object.entries(info.keyspace ?? {})) {
    const match = /^db(\d+)$/.exec(name);
    if (!match) continue;
    const fields = parseFieldList(value);
    const keys = num(fields, 'keys');
    const expires = num(fields, 'expires');
    out.push({ db: Number(match[1]), keys, expires, avgTtlMs: num(fields, 'avg_ttl'), ttlCoverage: keys > 0 ? expires / keys : 0 });
  }
  return out.sort((a, b) => a.db - b.db);
}

const CMDSTAT_PREFIX = 'cmdstat_';

/** `cmdstat_get:calls=…,usec=…,usec_per_call=…,rejected_calls=…,failed_calls=…` lines. */
export function parseCommandStats(info: InfoSections): CommandStat[] {
  const out: CommandStat[] = [];
  for (const [name, value] of Object.entries(info.commandstats ?? {})) {
    if (!name.startsWith(CMDSTAT_PREFIX)) continue;
    const fields = parseFieldList(value);
    const calls = num(fields, 'calls');
    const usec = num(fields, 'usec');
    out.push({
      command: name.slice(CMDSTAT_PREFIX.length),
      calls,
      usec,
      // Redis < 3.2 has no usec_per_call; derive it rather than showing 0.
      usecPerCall: fields.usec_per_call !== undefined ? num(fields, 'usec_per_call') : calls > 0 ? usec / calls : 0,
      rejectedCalls: num(fields, 'rejected_calls'),
      failedCalls: num(fields, 'failed_calls'),
    });
  }
  return out;
}

/** The `slaveN:ip=…,port=…,state=…,offset=…,lag=…` lines a master lists for its replicas. */
export function parseReplicas(info: InfoSections): ReplicaLink[] {
  const out: { index: number; link: ReplicaLink }[] = [];
  for (const [name, value] of Object.entries(info.replication ?? {})) {
    const match = /^slave(\d+)$/.exec(name);
    if (!match) continue;
    const fields = parseFieldList(value);
    out.push({
      index: Number(match[1]),
      link: { ip: fields.ip ?? '', port: num(fields, 'port'), state: fields.state ?? '', offset: num(fields, 'offset'), lag: num(fields, 'lag') },
    });
  }
  return out.sort((a, b) => a.index - b.index).map((r) => r.link);
}
