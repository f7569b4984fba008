import { isScanCeilingFlag, scanCeilingValue, SCAN_CEILING_FLAGS } from '../scanCeilingFlags';
import type { ScanCeilings } from '../../core/redis/keyspace/scanBudgetOptions';
import { argTokens } from '../argTokens';
import { takeTargetFlag, TARGET_FLAGS_HELP, targetOf, type RedisTarget, type TargetFlags } from '../redisTargetArgs';

/** Parses `patterns [--redis URL | --sentinel host:port --master-name NAME] [--replica] [--format json|table] [--sample N] [--fail-on no-ttl] [--max-scans-per-second N] [--max-keys-per-second N] <paths…>`. */

export type PatternsFormat = 'json' | 'table';

export interface PatternsArgs {
  /** The live server (--redis URL, --sentinel …), or null for the code only. */
  target: RedisTarget | null;
  /** Read one of the server's replicas where one can be read. */
  replica: boolean;
  format: PatternsFormat;
  /** Keys measured per pattern (TYPE, PTTL, MEMORY USAGE); a pattern with no more keys is measured whole. */
  sample: number;
  failOnNoTtl: boolean;
  /** Ceilings of the live scan (0 = none; it backs off by latency anyway). */
  ceilings: Required<ScanCeilings>;
  paths: string[];
}

export type ParsedPatternsArgs = { kind: 'help' } | { kind: 'run'; args: PatternsArgs };

export class PatternsUsageError extends Error {}

export const DEFAULT_SAMPLE = 200;

export const PATTERNS_USAGE = `Usage: redis-specialist patterns [--redis URL | --sentinel host:port[,…] --master-name NAME
                                [--db N] [--user U] [--password P] [--sentinel-password P]]
                                [--replica] [--format json|table] [--sample N]
                                [--fail-on no-ttl] [--max-scans-per-second N]
                                [--max-keys-per-second N] <paths…>

Lists the key patterns the code under <paths…> builds (session:{id}, cache:user:{userId}:profile)
with their call sites: command, read or write, the Redis type implied and the TTL policy at each
site. Sites of one pattern that disagree (a TTL at one, none at another; two types) are reported
on stderr.

  --redis URL   Also reads a live server (redis://[user[:password]@]host[:port][/db], rediss:// for
                TLS; a Cluster is detected and every master read): one SCAN pass counts the keys of
                every pattern exactly, a sample per pattern gives types, TTLs and memory. Keys no
                code names are grouped into patterns inferred from their names. Only reads (SCAN,
                TYPE, PTTL, MEMORY USAGE, element counts); never KEYS. Paced by a load budget that
                backs off when the server slows down.
${TARGET_FLAGS_HELP}

Options:
  --format json|table    Output format (default: table)
  --sample N             Keys measured per pattern (default ${DEFAULT_SAMPLE}; patterns with no more
                         keys are measured whole, the others extrapolated)
  --fail-on no-ttl       Exit 1 when a pattern the code writes without a TTL has live keys
                         without one (needs --redis)
  --max-scans-per-second N
                         At most N SCAN calls per second on the server (default 0 = no ceiling;
                         the scan still backs off when the server's replies slow down)
  --max-keys-per-second N
                         At most N scanned keys per second (default 0 = no ceiling)
  -h, --help             Show this help

Only the report goes to stdout; progress, findings and notes go to stderr.
Exit codes: 0 completed, 1 a --fail-on condition holds, 2 bad usage, a missing path, a connection
error or a server that failed part way (the partial report is still printed).`;

function positiveInteger(flag: string, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new PatternsUsageError(`${flag} must be a whole number of at least 1 (got "${text}")`);
  return Number(text);
}

/** `argv` starts after the word `patterns`. */
export function parsePatternsArgs(argv: readonly string[]): ParsedPatternsArgs {
  const server: TargetFlags = {};
  const args: PatternsArgs = { target: null, replica: false, format: 'table', sample: DEFAULT_SAMPLE, failOnNoTtl: false, ceilings: { maxScansPerSecond: 0, maxKeysPerSecond: 0 }, paths: [] };
  for (const { arg, flag, value } of argTokens(argv, (message) => new PatternsUsageError(message))) {
    switch (flag) {
      case '-h':
      case '--help':
        return { kind: 'help' };
      case '--sample':
        args.sample = positiveInteger('--sample', value());
        break;
      case '--format': {
        const text = value();
        if (text !== 'json' && text !== 'table') throw new PatternsUsageError(`--format must be json or table (got "${text}")`);
        args.format = text;
        break;
      }
      case '--fail-on': {
        const text = value();
        if (text !== 'no-ttl') throw new PatternsUsageError(`--fail-on accepts no-ttl (got "${text}")`);
        args.failOnNoTtl = true;
        break;
      }
      default: {
        if (takeTargetFlag(server, flag, value)) break;
        if (isScanCeilingFlag(flag)) {
          const ceiling = scanCeilingValue(flag, value());
          if (typeof ceiling !== 'number') throw new PatternsUsageError(ceiling.problem);
          args.ceilings[SCAN_CEILING_FLAGS[flag]] = ceiling;
          break;
        }
        if (arg.startsWith('-') && arg !== '-') throw new PatternsUsageError(`Unknown option "${flag}"`);
        args.paths.push(arg);
      }
    }
  }
  args.target = targetOf(server, (message) => new PatternsUsageError(message));
  args.replica = server.replica === true;
  if (args.paths.length === 0 && args.target === null) throw new PatternsUsageError('Give source paths to read key patterns from, --redis URL (or --sentinel) to infer them from a server, or both');
  if (args.failOnNoTtl && args.target === null) throw new PatternsUsageError('--fail-on no-ttl compares the code with live keys: it needs --redis URL');
  return { kind: 'run', args };
}
