/** One command-line argument as every subcommand reads it: `--flag value`, `--flag=value` or a positional. */
export interface ArgToken {
  /** The argument as given. */
  arg: string;
  /** The flag without an inline `=value` (the argument itself for positionals). */
  flag: string;
  /** The `value` of `--flag=value`, undefined otherwise. */
  inline: string | undefined;
  /** The flag's value (inline, else the next argument, which is then consumed); a usage error when there is none. */
  value: () => string;
  /** Every argument after this one, consumed (for `--`, after which nothing is a flag). */
  rest: () => string[];
}

/** The arguments of a subcommand in order; `usageError` builds the subcommand's own usage error (exit code 2). */
export function* argTokens(argv: readonly string[], usageError: (message: string) => Error): Generator<ArgToken> {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    yield {
      arg,
      flag,
      inline,
      value: () => {
        const next = inline ?? argv[++i];
        if (next === undefined || (inline === undefined && next.startsWith('--'))) throw usageError(`${flag} needs a value`);
        return next;
      },
      rest: () => {
        const remaining = argv.slice(i + 1);
        i = argv.length;
        return remaining;
      },
    };
  }
}
