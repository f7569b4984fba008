import { argTokens } from '../argTokens';
/** Parses `lint [--format json|sarif|stylish] [--max-warnings N] [--config file] [--fix | --fix-dry-run] [--fix-type safe|review] [--jobs N|auto] <paths…>`. */

export type OutputFormat = 'json' | 'sarif' | 'stylish';

export interface LintArgs {
  format: OutputFormat;
  /** -1 = no limit. */
  maxWarnings: number;
  config: string | null;
  /** `write`: --fix; `diff`: --fix-dry-run (prints a unified diff instead of the report). */
  fix: 'none' | 'write' | 'diff';
  /** `review` also applies fixes that need review (the KEYS → SCAN rewrite, the pipeline rewrite). */
  fixType: 'safe' | 'review';
  /** Threads to lint in: a number, or 'auto' (several for large runs, one for small ones: see lintShares.ts). */
  jobs: number | 'auto';
  paths: string[];
}

export type ParsedArgs = { kind: 'help' } | { kind: 'lint'; args: LintArgs };

export class UsageError extends Error {}

export const USAGE = `Usage: redis-specialist lint [options] <files or directories…>

Reports Redis misuse in TypeScript/JavaScript (KEYS, SET without TTL, locks without expiry, …).

Options:
  --format json|sarif|stylish   Output format (default: stylish)
  --max-warnings N              Exit with code 1 when more than N warnings are found
  --config FILE                 JSON options file (rules, testFileGlobs, minConfidence, exclude, …);
                                applied over the nearest redis-specialist.config.json / package.json "redisSpecialist"
  --fix                         Apply every safe fix to the files; report what changed on stderr
  --fix-dry-run                 Print the fixes as a unified diff instead of the report; change nothing
  --fix-type safe|review        safe (default): fixes that keep behaviour; review: also rewrites to review (KEYS → SCAN)
  --jobs N|auto                 Threads to lint in (default: auto, one per core up to 4 for runs of 200 files or more)
  -h, --help                    Show this help

Exit codes (from what remains after fixes): 0 clean, 1 errors (or too many warnings), 2 bad usage or configuration.

Other commands: redis-specialist memory (--redis URL | --rdb FILE) … (where the memory of a server or dump file goes; see memory --help);
redis-specialist patterns [--redis URL] <paths…> (the key patterns the code builds, next to the live keys; see patterns --help).`;

const FORMATS: readonly string[] = ['json', 'sarif', 'stylish'];

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command, ...rest] = argv;
  if (command === '-h' || command === '--help' || command === 'help') return { kind: 'help' };
  if (command !== 'lint') throw new UsageError(command ? `Unknown command "${command}" (expected lint, memory or patterns)` : 'Missing command: lint, memory or patterns');
  const args: LintArgs = { format: 'stylish', maxWarnings: -1, config: null, fix: 'none', fixType: 'safe', jobs: 'auto', paths: [] };
  let formatGiven = false;
  let fixTypeGiven = false;
  for (const { arg, flag, inline, value, rest: remaining } of argTokens(rest, (message) => new UsageError(message))) {
    switch (flag) {
      case '-h':
      case '--help':
        return { kind: 'help' };
      case '--format': {
        const format = value();
        if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${format}")`);
        args.format = format as OutputFormat;
        formatGiven = true;
        break;
      }
      case '--max-warnings': {
        const raw = value();
        const n = Number(raw);
        if (!/^-?\d+$/.test(raw) || n < -1) throw new UsageError(`--max-warnings must be a whole number ≥ -1 (got "${raw}")`);
        args.maxWarnings = n;
        break;
      }
      case '--config':
        args.config = value();
        break;
      case '--fix':
      case '--fix-dry-run': {
        if (inline !== undefined) throw new UsageError(`${flag} takes no value`);
        const mode = flag === '--fix' ? 'write' : 'diff';
        if (args.fix !== 'none' && args.fix !== mode) throw new UsageError('--fix and --fix-dry-run cannot be combined');
        args.fix = mode;
        break;
      }
      case '--fix-type': {
        const type = value();
        if (type !== 'safe' && type !== 'review') throw new UsageError(`--fix-type must be safe or review (got "${type}")`);
        args.fixType = type;
        fixTypeGiven = true;
        break;
      }
      case '--jobs': {
        const raw = value();
        if (raw !== 'auto' && !/^[1-9]\d*$/.test(raw)) throw new UsageError(`--jobs must be a whole number ≥ 1 or auto (got "${raw}")`);
        args.jobs = raw === 'auto' ? 'auto' : Math.min(Number(raw), 64);
        break;
      }
      case '--':
        args.paths.push(...remaining());
        break;
      default:
        if (arg.startsWith('-')) throw new UsageError(`Unknown option "${arg}"`);
        args.paths.push(arg);
    }
  }
  if (args.paths.length === 0) throw new UsageError('No files or directories given');
  if (fixTypeGiven && args.fix === 'none') throw new UsageError('--fix-type needs --fix or --fix-dry-run');
  if (formatGiven && args.fix === 'diff') throw new UsageError('--fix-dry-run prints a diff; it cannot be combined with --format');
  return { kind: 'lint', args };
}
