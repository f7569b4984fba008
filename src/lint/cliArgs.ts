/** Parses `lint [--format json|sarif|stylish] [--max-warnings N] [--config file] <paths…>`. */

export type OutputFormat = 'json' | 'sarif' | 'stylish';

export interface LintArgs {
  format: OutputFormat;
  /** -1 = no limit. */
  maxWarnings: number;
  config: string | null;
  paths: string[];
}

export type ParsedArgs = { kind: 'help' } | { kind: 'lint'; args: LintArgs };

export class UsageError extends Error {}

export const USAGE = `Usage: redis-specialist lint [options] <files or directories…>

Reports Redis misuse in TypeScript/JavaScript (KEYS, SET without TTL, locks without expiry, …).

Options:
  --format json|sarif|stylish   Output format (default: stylish)
  --max-warnings N              Exit with code 1 when more than N warnings are found
  --config FILE                 JSON options file (rules, testFileGlobs, minConfidence, exclude, …)
  -h, --help                    Show this help

Exit codes: 0 clean, 1 errors (or too many warnings), 2 bad usage or configuration.`;

const FORMATS: readonly string[] = ['json', 'sarif', 'stylish'];

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command, ...rest] = argv;
  if (command === '-h' || command === '--help' || command === 'help') return { kind: 'help' };
  if (command !== 'lint') throw new UsageError(command ? `Unknown command "${command}" (expected "lint")` : 'Missing command "lint"');
  const args: LintArgs = { format: 'stylish', maxWarnings: -1, config: null, paths: [] };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return { kind: 'help' };
      case '--format': {
        const format = value();
        if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${format}")`);
        args.format = format as OutputFormat;
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
      case '--':
        args.paths.push(...rest.slice(i + 1));
        i = rest.length;
        break;
      default:
        if (arg.startsWith('-')) throw new UsageError(`Unknown option "${arg}"`);
        args.paths.push(arg);
    }
  }
  if (args.paths.length === 0) throw new UsageError('No files or directories given');
  return { kind: 'lint', args };
}
