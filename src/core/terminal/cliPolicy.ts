import type { CommandCatalog } from './commandCatalog';

export type CliDecision = { action: 'run' } | { action: 'refuse'; message: string } | { action: 'confirm'; message: string };

/**
 * Commands the server marks @dangerous that only report on it. Asking before each INFO or
 * CONFIG GET would train people to answer "y" without reading, which defeats the question
 * for FLUSHALL.
 */
const REPORTS_WITHOUT_CONFIRMATION = new Set([
  'info',
  'role',
  'lastsave',
  'client|list',
  'client|info',
  'config|get',
  'slowlog|get',
  'slowlog|len',
  'latency|doctor',
  'latency|graph',
  'latency|histogram',
  'latency|history',
  'latency|latest',
  'module|list',
  'acl|list',
  'acl|users',
  'acl|getuser',
  'acl|log',
  'acl|dryrun',
  'cluster|replicas',
  'cluster|slaves',
  'cluster|count-failure-reports',
]);

/** When the server will not describe its commands (COMMAND denied), these still get a question. */
const KNOWN_DANGEROUS = new Set(['flushall', 'flushdb', 'keys', 'debug', 'shutdown', 'config', 'swapdb', 'monitor', 'migrate', 'restore', 'sort', 'failover', 'replicaof', 'slaveof', 'save', 'bgsave', 'bgrewriteaof']);

/**
 * Decides what the terminal does with a command line before sending it: refuse it on a
 * read-only connection when it may write (the verdict of commandSafety.ts, from the server's
 * own COMMAND table), ask first when it is @dangerous, otherwise run it.
 */
export async function decideCommand(
  catalog: CommandCatalog,
  args: Buffer[],
  options: { readOnly: boolean; confirmDangerous: boolean; connectionName?: string },
): Promise<CliDecision> {
  const words = args.map((a) => a.toString('utf8'));
  const shown = words.slice(0, 2).join(' ').toUpperCase();
  if (!catalog.safety) {
    if (options.readOnly) {
      return { action: 'refuse', message: `This connection is read-only and the server does not describe its commands (COMMAND is unavailable), so ${words[0].toUpperCase()} cannot be shown to be read-only.` };
    }
    if (options.confirmDangerous && KNOWN_DANGEROUS.has(words[0].toLowerCase())) {
      return confirm(`${words[0].toUpperCase()} can destroy data or block the server.`, options.connectionName);
    }
    return { action: 'run' };
  }
  const verdict = await catalog.safety.check(options.readOnly, words);
  if (!verdict.allowed) return { action: 'refuse', message: verdict.reason ?? `${shown} is not allowed on this connection.` };
  const traits = verdict.traits;
  if (options.confirmDangerous && traits?.dangerous && !REPORTS_WITHOUT_CONFIRMATION.has(traits.name)) {
    return confirm(`${verdict.command} is marked @dangerous by the server (it can destroy data or block the server).`, options.connectionName);
  }
  return { action: 'run' };
}

function confirm(why: string, connectionName: string | undefined): CliDecision {
  return { action: 'confirm', message: `${why} Run it${connectionName ? ` on "${connectionName}"` : ''}? [y/N] ` };
}
