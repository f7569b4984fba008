/** Parses `memory --rdb FILE [--top N] [--format json|table|markdown]`. */

export type MemoryFormat = 'json' | 'table' | 'markdown';

export interface MemoryArgs {
  rdb: string;
  top: number;
  format: MemoryFormat;
}

export type ParsedMemoryArgs = { kind: 'help' } | { kind: 'run'; args: MemoryArgs };

export class MemoryUsageError extends Error {}

export const MEMORY_USAGE = `Usage: redis-specialist memory --rdb FILE [--top N] [--format json|table|markdown]

Reports where the memory of a Redis dump file goes: totals, key patterns inferred from the names,
the biggest keys by memory and by element count, type/encoding/TTL distributions, recommendations.
Reads RDB versions 9 to 11 (Redis 5.0 to 7.2) in constant memory; the server is not involved.
Memory figures estimate MEMORY USAGE on the server that wrote the file.

Options:
  --rdb FILE                       The dump file (dump.rdb) to analyse
  --top N                          Keys in each top list (default 100)
  --format json|table|markdown     Output format (default: table)
  -h, --help                       Show this help

Only the report goes to stdout; progress goes to stderr.
Exit codes: 0 analysis completed (whatever it recommends), 2 bad usage or an unreadable file.`;

const FORMATS: readonly string[] = ['json', 'table', 'markdown'];

/** `argv` starts after the word `memory`. */
export function parseMemoryArgs(argv: readonly string[]): ParsedMemoryArgs {
  let rdb: string | null = null;
  let top = 100;
  let format: MemoryFormat = 'table';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new MemoryUsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return { kind: 'help' };
      case '--rdb':
        rdb = value();
        break;
      case '--top': {
        const text = value();
        if (!/^\d+$/.test(text) || Number(text) < 1) throw new MemoryUsageError(`--top must be a whole number of at least 1 (got "${text}")`);
        top = Number(text);
        break;
      }
      case '--format': {
        const text = value();
        if (!FORMATS.includes(text)) throw new MemoryUsageError(`--format must be one of ${FORMATS.join(', ')} (got "${text}")`);
        format = text as MemoryFormat;
        break;
      }
      default:
        throw new MemoryUsageError(arg.startsWith('-') ? `Unknown option "${flag}"` : `Unexpected argument "${arg}" (the dump file goes after --rdb)`);
    }
  }
  if (rdb === null) throw new MemoryUsageError('Missing --rdb FILE');
  return { kind: 'run', args: { rdb, top, format } };
}
