/**
 * The corrections a read-only connection needs on top of the server's own command flags
 * (commandSafety.ts). Read-only means no change to data or to server state, and nothing that
 * affects other clients. Names are lower-case, subcommands as `container|sub`; entries for
 * newer servers than the test server are harmless where the command does not exist.
 */

/** Changes server state or reaches other clients, though no flag says so (Redis 7.0 dropped `may_replicate` from PUBLISH; MEMORY PURGE has no flags). */
export const CHANGES_SERVER_STATE: ReadonlyMap<string, string> = new Map([
  ['publish', 'delivers a message to other clients'],
  ['spublish', 'delivers a message to other clients'],
  ['script|flush', "empties the server's script cache"],
  ['script|load', "adds a script to the server's script cache"],
  ['script|kill', "stops another client's script"],
  ['script|debug', 'a synchronous debugging session blocks the server and keeps the script\'s writes'],
  ['function|kill', "stops another client's function"],
  ['memory|purge', 'makes the allocator give memory back'],
  ['client|kill', 'disconnects other clients'],
  ['client|pause', 'suspends other clients'],
  ['client|unpause', 'resumes other clients'],
  ['client|unblock', "ends another client's blocking command"],
  ['client|no-evict', 'changes how the server evicts clients'],
  ['config|resetstat', 'clears statistics that others read'],
  ['slowlog|reset', 'clears the slow log that others read'],
  ['latency|reset', 'clears latency samples that others read'],
]);

/** Reports the server flags `admin` or marks as possibly writing, which change nothing. */
export const HARMLESS_READS: ReadonlyMap<string, string> = new Map([
  ...['config|get', 'config|help'].map((name) => [name, 'reads the configuration'] as const),
  ...['client|list', 'client|info', 'client|getname', 'client|id', 'client|getredir', 'client|trackinginfo', 'client|help'].map((name) => [name, 'reads client information'] as const),
  ...['slowlog|get', 'slowlog|len', 'slowlog|help'].map((name) => [name, 'reads the slow log'] as const),
  ...['latency|doctor', 'latency|graph', 'latency|histogram', 'latency|history', 'latency|latest', 'latency|help'].map((name) => [name, 'reads latency samples'] as const),
  ...['memory|usage', 'memory|stats', 'memory|doctor', 'memory|malloc-stats', 'memory|help'].map((name) => [name, 'reads memory statistics'] as const),
  ...['acl|whoami', 'acl|list', 'acl|users', 'acl|getuser', 'acl|cat', 'acl|log', 'acl|dryrun', 'acl|genpass', 'acl|help'].map((name) => [name, 'reads ACL users and logs'] as const),
  ...['module|list', 'module|help'].map((name) => [name, 'reads the loaded modules'] as const),
  ...[
    'cluster|info',
    'cluster|nodes',
    'cluster|slots',
    'cluster|shards',
    'cluster|myid',
    'cluster|myshardid',
    'cluster|replicas',
    'cluster|slaves',
    'cluster|links',
    'cluster|keyslot',
    'cluster|countkeysinslot',
    'cluster|getkeysinslot',
    'cluster|count-failure-reports',
    'cluster|help',
  ].map((name) => [name, 'reads the cluster state'] as const),
  ['info', 'reads server information'],
  ['role', 'reads the replication role'],
  ['lastsave', 'reads the time of the last save'],
  ['monitor', 'watches the commands other clients send'],
  ['pfcount', 'reads a cardinality; it may only refresh the count cached inside the value'],
]);

/** An argument that turns an allowed read into a change: `ACL LOG RESET` clears the log. */
export function argumentChange(name: string, args: readonly string[]): string | undefined {
  if (name === 'acl|log' && args.some((arg) => arg.toLowerCase() === 'reset')) return 'RESET clears the ACL log that others read';
  return undefined;
}
