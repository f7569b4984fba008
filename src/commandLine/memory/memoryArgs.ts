import { isScanCeilingFlag, scanCeilingValue, SCAN_CEILING_FLAGS } from '../scanCeilingFlags';
import type { ScanCeilings } from '../../core/redis/keyspace/scanBudgetOptions';
import { argTokens } from '../argTokens';
import { takeTargetFlag, TARGET_FLAGS_HELP, targetOf, type RedisTarget, type TargetFlags } from '../redisTargetArgs';

/** Parses `memory ((--redis URL | --sentinel host:port --master-name NAME) [--replica | --bgsave] | --rdb FILE) [--sample N] [--top N] [--format json|table|markdown] [--max-scans-per-second N] [--max-keys-per-second N] [paths…]`. */

export type MemoryFormat = 'json' | 'table' | 'markdown';

export type MemorySource = { kind: 'rdb'; file: string } | { kind: 'redis'; target: RedisTarget };

export interface MemoryArgs {
  source: MemorySource;
  /** Measure a random sample of about N keys (live analysis only). */
  sample: number | null;
  /** With --redis: BGSAVE, then analyze the dump file the server wrote (when it is on this machine). */
  bgsave: boolean;
  /** With a server: read one of its replicas where one can be read. */
  replica: boolean;
  top: number;
  format: MemoryFormat;
  /** Ceilings of the live scan (0 = none; it backs off by latency anyway). */
  ceilings: Required<ScanCeilings>;
  /** Source files or folders whose key patterns group the keys. */
  paths: string[];
}

export type ParsedMemoryArgs = { kind: 'help' } | { kind: 'run'; args: MemoryArgs };

export class MemoryUsageError extends Error {}

export const MEMORY_USAGE = `Usage: redis-specialist memory (--redis URL [--bgsave] | --rdb FILE) [--sample N] [--top N]
                              [--format json|table|markdown] [--max-scans-per-second N]
                              [--max-keys-per-second N] [--replica] [paths…]
       redis-specialist memory --sentinel host:port[,…] --master-name NAME [--db N]
                              [--user U] [--password P] [--sentinel-password P]
                              [--replica | --bgsave] [options as above] [paths…]

Reports where the memory of a Redis server or dump file goes: totals, key patterns, the biggest
keys by memory and by element count, type/encoding/TTL distributions, recommendations.

  --redis URL   Analyses a live server (redis://[user[:password]@]host[:port][/db], rediss:// for
                TLS; a Cluster is detected and every master read). Only reads: SCAN, TYPE, PTTL,
                MEMORY USAGE, OBJECT, the element counts, INFO and CONFIG GET; never KEYS. Every key
                is measured unless --sample is given. Paced by a load budget that backs off when
                the server slows down.
${TARGET_FLAGS_HELP}
  --rdb FILE    Analyses a dump file (RDB 9 to 11, Redis 5.0 to 7.2) in constant memory; the server
                is not involved. Memory figures estimate MEMORY USAGE on the server that wrote it.
  --bgsave      With --redis: asks the server for a fresh dump file (with --sentinel: the master;
                BGSAVE: it forks and writes the whole dataset to its disk; refused on a read-only
                URL and with --replica) and, when that file is on this machine (the server runs
                here or its directory is mounted here), analyses it as --rdb does, with no further
                load on the server. Reads CONFIG GET dir/dbfilename first; exit code 2, with the
                path, when the file is not reachable from here.

Options:
  --sample N                       Measure a random sample of about N keys and extrapolate
                                   (with a server; keys are still all counted)
  --top N                          Keys in each top list (default 100)
  --format json|table|markdown     Output format (default: table)
  --max-scans-per-second N         At most N SCAN calls per second (with a server; default 0 = no
                                   ceiling: the scan still backs off when the server slows down)
  --max-keys-per-second N          At most N scanned keys a second (with a server; default 0 = none)
  paths…                           Source files or folders: keys are grouped by the key patterns
                                   the code builds, with their call sites
  -h, --help                       Show this help

Only the report goes to stdout; progress goes to stderr.
Exit codes: 0 analysis completed (whatever it recommends), 2 bad usage, an unreadable file,
a connection error, a server that failed part way (the partial report is still printed), or
with --bgsave a save that was refused, failed, or wrote a file this machine cannot read;
130 when Ctrl-C stopped the waiting for a --bgsave save (the server's save goes on).`;

const FORMATS: readonly string[] = ['json', 'table', 'markdown'];

function positiveInteger(flag: string, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new MemoryUsageError(`${flag} must be a whole number of at least 1 (got "${text}")`);
  return Number(text);
}

/** `argv` starts after the word `memory`. */
export function parseMemoryArgs(argv: readonly string[]): ParsedMemoryArgs {
  let rdb: string | null = null;
  const server: TargetFlags = {};
  let sample: number | null = null;
  let bgsave = false;
  let top = 100;
  let format: MemoryFormat = 'table';
  const paths: string[] = [];
  const ceilings = { maxScansPerSecond: 0, maxKeysPerSecond: 0 };
  for (const { arg, flag, value } of argTokens(argv, (message) => new MemoryUsageError(message))) {
    switch (flag) {
      case '-h':
      case '--help':
        return { kind: 'help' };
      case '--rdb':
        rdb = value();
        break;
      case '--bgsave':
        bgsave = true;
        break;
      case '--sample':
        sample = positiveInteger('--sample', value());
        break;
      case '--top':
        top = positiveInteger('--top', value());
        break;
      case '--format': {
        const text = value();
        if (!FORMATS.includes(text)) throw new MemoryUsageError(`--format must be one of ${FORMATS.join(', ')} (got "${text}")`);
        format = text as MemoryFormat;
        break;
      }
      default: {
        if (takeTargetFlag(server, flag, value)) break;
        if (isScanCeilingFlag(flag)) {
          const ceiling = scanCeilingValue(flag, value());
          if (typeof ceiling !== 'number') throw new MemoryUsageError(ceiling.problem);
          ceilings[SCAN_CEILING_FLAGS[flag]] = ceiling;
          break;
        }
        if (arg.startsWith('-') && arg !== '-') throw new MemoryUsageError(`Unknown option "${flag}"`);
        paths.push(arg);
      }
    }
  }
  const target = targetOf(server, (message) => new MemoryUsageError(message));
  if (rdb !== null && target !== null) throw new MemoryUsageError('Give either a server (--redis URL, --sentinel) or --rdb FILE, not both');
  if (rdb === null && target === null) throw new MemoryUsageError('Missing --redis URL, --sentinel host:port --master-name NAME, or --rdb FILE');
  const replica = server.replica === true;
  if (bgsave && replica) throw new MemoryUsageError('--bgsave asks the master for a dump file and --replica reads a replica: give one of them');
  if (sample !== null && target === null) throw new MemoryUsageError('--sample applies to --redis only (a dump file is always read whole)');
  if (bgsave && target === null) throw new MemoryUsageError('--bgsave applies to --redis only (it asks that server for a dump file)');
  if (bgsave && sample !== null) throw new MemoryUsageError('--sample does not apply with --bgsave (the dump file is read whole)');
  const source: MemorySource = target !== null ? { kind: 'redis', target } : { kind: 'rdb', file: rdb as string };
  return { kind: 'run', args: { source, sample, bgsave, replica, top, format, ceilings, paths } };
}
