import { Cluster, type Command, type Redis } from 'ioredis';

/** clientFactory's RedisClient, spelled out: the factory applies deadlines, so importing it back would be a cycle. */
type RedisClient = Redis | Cluster;

/**
 * Every request the extension sends gets a deadline. A frozen server (SIGSTOP, a stalled VM, a
 * partition without RST) still accepts TCP connections from the kernel backlog and never
 * answers, so neither a connect timeout nor a closed socket would ever end the wait. The same
 * rules serve the ioredis clients ({@link applyDeadlines}) and the CLI's raw connection
 * ({@link deadlineFor}).
 */

export interface CommandDeadlines {
  /** Longest wait for the reply to an ordinary command, and for each step of a handshake. */
  commandTimeoutMs: number;
  /** Longest wait for commands known to be slow that the user started (FLUSHALL, KEYS, DEBUG, scripts…). */
  slowCommandTimeoutMs: number;
}

export const DEFAULT_DEADLINES: CommandDeadlines = { commandTimeoutMs: 5000, slowCommandTimeoutMs: 60_000 };

/** No reply within the deadline: the server is frozen, overloaded or cut off without a reset. */
export class ServerNotAnsweringError extends Error {
  override readonly name = 'ServerNotAnsweringError';
  constructor(readonly timeoutMs: number) {
    super(`The server is not answering (no reply within ${timeoutMs} ms).`);
  }
}

/** Commands that legitimately take long on a big dataset; only the user starts them (CLI, explicit actions). */
const SLOW_COMMANDS = new Set([
  'flushall', 'flushdb', 'save', 'debug', 'keys', 'migrate', 'restore', 'dump', 'sort', 'sort_ro', 'swapdb',
  'eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall', 'fcall_ro', 'script', 'function',
  'sunionstore', 'sinterstore', 'sdiffstore', 'zunionstore', 'zinterstore', 'zdiffstore', 'georadius', 'georadiusbymember',
  'memory', 'latency', 'module', 'cluster',
]);

/** Commands that stream replies until the user stops them: no deadline at all. */
const STREAMING_COMMANDS = new Set(['subscribe', 'psubscribe', 'ssubscribe', 'monitor', 'sync', 'psync']);

/** Blocking commands and where their timeout (seconds) is: the last or the first argument. */
const TIMEOUT_LAST = new Set(['blpop', 'brpop', 'brpoplpush', 'blmove', 'bzpopmin', 'bzpopmax']);
const TIMEOUT_FIRST = new Set(['blmpop', 'bzmpop']);

/**
 * How long to wait for the reply to `args` (name first), in ms; undefined = as long as it takes
 * (SUBSCRIBE, MONITOR, a blocking command with timeout 0). A blocking command waits its own
 * timeout plus one ordinary deadline as the margin for the reply to travel.
 */
export function deadlineFor(args: readonly (string | Buffer | number)[], deadlines: CommandDeadlines): number | undefined {
  const name = String(args[0] ?? '').toLowerCase();
  const margin = deadlines.commandTimeoutMs;
  if (STREAMING_COMMANDS.has(name)) return undefined;
  const blockingMs = blockingTimeoutMs(name, args);
  if (blockingMs !== undefined) return blockingMs === 0 ? undefined : blockingMs + margin;
  return SLOW_COMMANDS.has(name) ? Math.max(deadlines.slowCommandTimeoutMs, margin) : margin;
}

/** The time a blocking command may block by its own arguments (0 = forever); undefined when it does not block. */
function blockingTimeoutMs(name: string, args: readonly (string | Buffer | number)[]): number | undefined {
  if (TIMEOUT_LAST.has(name) && args.length >= 3) return seconds(args[args.length - 1]);
  if (TIMEOUT_FIRST.has(name) && args.length >= 2) return seconds(args[1]);
  if (name === 'wait' && args.length >= 3) return milliseconds(args[2]);
  if (name === 'waitaof' && args.length >= 4) return milliseconds(args[3]);
  if (name === 'xread' || name === 'xreadgroup') {
    const at = args.findIndex((arg, i) => i > 0 && String(arg).toLowerCase() === 'block');
    return at > 0 && at + 1 < args.length ? milliseconds(args[at + 1]) : undefined;
  }
  return undefined;
}

/** A timeout argument in seconds (fractions allowed); an unreadable one counts as "forever", as the server would refuse it anyway. */
function seconds(arg: string | Buffer | number | undefined): number {
  const value = Number(String(arg));
  return Number.isFinite(value) && value > 0 ? Math.ceil(value * 1000) : 0;
}

function milliseconds(arg: string | Buffer | number | undefined): number {
  const value = Number(String(arg));
  return Number.isFinite(value) && value > 0 ? Math.ceil(value) : 0;
}

const armed = new WeakSet<Command>();
const wrapped = new WeakSet<Redis>();
const deadlinesByClient = new WeakMap<object, CommandDeadlines>();

/** The deadlines a client was made with (for commands that pass a timeout of their own, such as WAIT). */
export function deadlinesOf(client: RedisClient): CommandDeadlines {
  return deadlinesByClient.get(client) ?? DEFAULT_DEADLINES;
}

/**
 * Gives every command sent through `client` a deadline: after it, the command rejects with
 * {@link ServerNotAnsweringError} while the connection stays, so a late reply (after SIGCONT)
 * is matched to the abandoned command and the next command works again. Covers handshake
 * commands too (AUTH, SELECT, CLIENT SETNAME, the ready check), and on a Cluster every node,
 * including nodes discovered later.
 */
export function applyDeadlines(client: RedisClient, deadlines: CommandDeadlines): void {
  deadlinesByClient.set(client, deadlines);
  if (client instanceof Cluster) {
    for (const node of client.nodes('all')) wrapNode(node, deadlines);
    client.on('+node', (node: Redis) => wrapNode(node, deadlines));
    return;
  }
  wrapNode(client, deadlines);
}

function wrapNode(node: Redis, deadlines: CommandDeadlines): void {
  if (wrapped.has(node)) return;
  wrapped.add(node);
  const send = node.sendCommand.bind(node);
  node.sendCommand = (command: Command, stream?: Parameters<Redis['sendCommand']>[1]): unknown => {
    arm(command, deadlineFor([command.name, ...(command.args as (string | Buffer | number)[])], deadlines));
    return send(command, stream);
  };
}

/** Once per command: a redirected (MOVED) or resent command keeps its first deadline. */
function arm(command: Command, ms: number | undefined): void {
  if (ms === undefined || armed.has(command)) return;
  armed.add(command);
  const timer = setTimeout(() => {
    if (!command.isResolved) command.reject(new ServerNotAnsweringError(ms));
  }, ms);
  const clear = (): void => clearTimeout(timer);
  command.promise.then(clear, clear);
}

/** True when `error` (or what it wraps) says the server did not answer in time. */
export function isNotAnswering(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof ServerNotAnsweringError) return true;
  }
  return false;
}
