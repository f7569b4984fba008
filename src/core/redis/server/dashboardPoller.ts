import { ALL_NODES, type MetricSample, type NodeTick, type NodeTickOk, type SlowlogConfig, type SlowlogEntry } from '../../protocol/dashboardData';
import { buildSnapshot, deriveSample, readCounters, RingBuffer, type InfoCounters } from './dashboardMetrics';
import { mergeCommandStats, mergeSamples, mergeSlowlogConfigs, mergeSlowlogs, mergeSnapshots } from './dashboardMerge';
import { infoField, parseCommandStats, parseInfo } from './info';
import { parseSlowlog, parseSlowlogConfig } from './slowlog';

export { ALL_NODES, type NodeTick } from '../../protocol/dashboardData';

/**
 * One server the dashboard polls, as a set of functions so that the poller knows nothing about
 * the client library (see dashboardNodes.ts for ioredis) and tests can hand it fakes.
 */
export interface DashboardNode {
  /** Stable id, such as "10.0.0.5:6379"; the node selector and the sample history are keyed by it. */
  readonly id: string;
  /** Shown in the node selector, such as "10.0.0.5:6379 (master)". */
  readonly label: string;
  /** `INFO <section…>`: the text reply. */
  readonly info: (sections: readonly string[]) => Promise<string>;
  /** `SLOWLOG GET <count>`: the raw reply with arguments as Buffers. */
  readonly slowlog: (count: number) => Promise<unknown>;
  /** `CONFIG GET <pattern>`: the raw reply. */
  readonly configGet: (pattern: string) => Promise<unknown>;
  /** `SLOWLOG RESET`. */
  readonly slowlogReset: () => Promise<void>;
  /** Releases a connection opened only for this node; nodes on the connection's own clients have none. */
  readonly close?: () => void;
}

export interface DashboardTick {
  /** Host time when the tick started (ms). */
  t: number;
  nodes: NodeTick[];
  /** The merged view ({@link ALL_NODES}) when there is more than one node and at least one answered. */
  merged?: NodeTickOk;
}

export interface DashboardPollerOptions {
  /** Time between the starts of two ticks. */
  intervalMs?: number;
  /** Samples kept per node for the charts (window / interval). */
  windowSize?: number;
  /** Entries asked of SLOWLOG GET. */
  slowlogCount?: number;
  /** A node that has not answered by then is reported in error (ioredis queues commands while offline). */
  requestTimeoutMs?: number;
  /** The slowlog settings rarely change: read them on the first tick, after an error and every N ticks. */
  configEveryTicks?: number;
  /** Finds the nodes again (a replica or master added, a failover): the node list follows the topology without a reconnect. */
  discover?: () => Promise<readonly DashboardNode[]>;
  /** Time between two discoveries while polling. */
  discoverEveryMs?: number;
  now?: () => number;
}

/** Redis 7 accepts several INFO sections at once; older servers get `INFO all` (see {@link sectionsFor}). */
export const INFO_SECTIONS = ['server', 'clients', 'memory', 'persistence', 'stats', 'replication', 'keyspace', 'commandstats'] as const;

interface NodeState {
  node: DashboardNode;
  history: RingBuffer<MetricSample>;
  counters?: InfoCounters;
  /** Commands this poller sent to the node since `counters` was read. */
  sentSinceCounters: number;
  multiSectionInfo?: boolean;
  /** Set when a server claiming Redis 7 refused several INFO sections (some proxies do). */
  infoAllOnly?: boolean;
  slowlogConfig: SlowlogConfig;
  /** The last slowlog by id, so that entries seen before are not parsed again. */
  slowlogById: Map<number, SlowlogEntry>;
  ticksSinceConfig: number;
  configUnsupported: boolean;
  /** Start of a tick whose requests are still unanswered. */
  busySince?: number;
  ok?: boolean;
}

type Listener<T> = (value: T) => void;

/**
 * Polls every node with one INFO and one SLOWLOG GET per tick (plus an occasional CONFIG GET),
 * only between start() and stop(). Ticks never overlap: the next one is scheduled when the
 * previous has finished. A node that fails is reported and retried on the following ticks.
 */
export class DashboardPoller {
  private readonly intervalMs: number;
  private readonly windowSize: number;
  private readonly slowlogCount: number;
  private readonly requestTimeoutMs: number;
  private readonly configEveryTicks: number;
  private readonly now: () => number;
  private states: NodeState[] = [];
  private readonly mergedHistory: RingBuffer<MetricSample>;
  private readonly tickListeners = new Set<Listener<DashboardTick>>();
  private readonly nodesListeners = new Set<Listener<readonly DashboardNode[]>>();
  private readonly discover: DashboardPollerOptions['discover'];
  private readonly discoverEveryMs: number;
  private lastDiscovery: number;
  private disposed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private inFlight: Promise<DashboardTick> | undefined;

  constructor(nodes: readonly DashboardNode[], options: DashboardPollerOptions = {}) {
    this.intervalMs = positive(options.intervalMs ?? 1000, 'intervalMs');
    this.windowSize = positive(options.windowSize ?? 300, 'windowSize');
    this.slowlogCount = positive(options.slowlogCount ?? 128, 'slowlogCount');
    this.requestTimeoutMs = positive(options.requestTimeoutMs ?? Math.max(5000, 2 * this.intervalMs), 'requestTimeoutMs');
    this.configEveryTicks = positive(options.configEveryTicks ?? 30, 'configEveryTicks');
    this.now = options.now ?? Date.now;
    this.discover = options.discover;
    this.discoverEveryMs = positive(options.discoverEveryMs ?? 30_000, 'discoverEveryMs');
    this.lastDiscovery = this.now();
    this.mergedHistory = new RingBuffer(this.windowSize);
    this.setNodes(nodes);
  }

  get isRunning(): boolean {
    return this.running;
  }

  get nodes(): readonly DashboardNode[] {
    return this.states.map((s) => s.node);
  }

  /** Replaces the node list (after a reconnect or a topology change), keeping the history of nodes that remain. */
  setNodes(nodes: readonly DashboardNode[]): void {
    const ids = new Set<string>();
    for (const n of nodes) {
      if (n.id === ALL_NODES || ids.has(n.id)) throw new Error(`Dashboard node ids must be unique and not "${ALL_NODES}": ${n.id}`);
      ids.add(n.id);
    }
    const old = new Map(this.states.map((s) => [s.node.id, s]));
    const kept = new Set(nodes);
    for (const state of this.states) if (!kept.has(state.node)) state.node.close?.();
    this.states = nodes.map((node) => {
      const kept = old.get(node.id);
      if (kept) return { ...kept, node, counters: undefined, busySince: undefined };
      return {
        node,
        history: new RingBuffer<MetricSample>(this.windowSize),
        sentSinceCounters: 0,
        slowlogConfig: { slowerThanUsec: null, maxLen: null },
        slowlogById: new Map(),
        ticksSinceConfig: 0,
        configUnsupported: false,
      };
    });
    if (nodes.length <= 1) this.mergedHistory.clear();
  }

  /** Samples in the chart window, oldest first; `ALL_NODES` for the merged view. */
  history(nodeId: string): MetricSample[] {
    if (nodeId === ALL_NODES) return this.mergedHistory.toArray();
    return this.states.find((s) => s.node.id === nodeId)?.history.toArray() ?? [];
  }

  onTick(listener: Listener<DashboardTick>): { dispose(): void } {
    this.tickListeners.add(listener);
    return { dispose: () => this.tickListeners.delete(listener) };
  }

  /** Fires when a discovery changed the node list. */
  onNodesChanged(listener: Listener<readonly DashboardNode[]>): { dispose(): void } {
    this.nodesListeners.add(listener);
    return { dispose: () => this.nodesListeners.delete(listener) };
  }

  /**
   * Runs the discovery now: a node list with other ids replaces the current one (history of the
   * nodes that remain is kept); the same ids keep the current nodes. A failed discovery keeps them too.
   */
  async rediscover(): Promise<boolean> {
    if (!this.discover) return false;
    this.lastDiscovery = this.now();
    let found: readonly DashboardNode[];
    try {
      found = await this.discover();
    } catch {
      return false; // the next tick reports an unreachable node; the topology is retried later
    }
    const current = this.states.map((s) => s.node.id).sort().join('\n');
    if (this.disposed || found.map((n) => n.id).sort().join('\n') === current) {
      for (const node of found) if (!this.states.some((s) => s.node === node)) node.close?.();
      return false;
    }
    this.setNodes(found);
    for (const listener of [...this.nodesListeners]) {
      try {
        listener(this.nodes);
      } catch {
        // as for tick listeners
      }
    }
    return true;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  stop(): void {
    this.running = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Stops polling for good and closes the connections the nodes opened for themselves. */
  dispose(): void {
    this.disposed = true;
    this.stop();
    this.setNodes([]);
  }

  /** Runs one tick now (or joins the one in flight) and emits it. */
  tick(): Promise<DashboardTick> {
    this.inFlight ??= this.runTick().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const started = this.now();
      void this.tick()
        .catch(() => undefined) // per-node errors are part of the tick; nothing else is expected to throw
        .then(() => (this.running && this.discover && this.now() - this.lastDiscovery >= this.discoverEveryMs ? this.rediscover() : false))
        .then(() => {
          if (this.running) this.schedule(Math.max(0, this.intervalMs - (this.now() - started)));
        });
    }, delayMs);
  }

  private async runTick(): Promise<DashboardTick> {
    const t = this.now();
    const nodes = await Promise.all(this.states.map((state) => this.pollNode(state, t)));
    const tick: DashboardTick = { t, nodes, merged: this.merge(t, nodes) };
    for (const listener of [...this.tickListeners]) {
      try {
        listener(tick);
      } catch {
        // One failing listener must neither stop the others nor the polling.
      }
    }
    return tick;
  }

  private async pollNode(state: NodeState, t: number): Promise<NodeTick> {
    const { node } = state;
    // Do not pile requests onto a stuck connection, but give up waiting for them eventually.
    if (state.busySince !== undefined && t - state.busySince < 3 * this.requestTimeoutMs) {
      return this.fail(state, `No reply from ${node.label} yet; still waiting for the previous request.`);
    }
    const readConfig = !state.configUnsupported && (state.ok !== true || state.ticksSinceConfig >= this.configEveryTicks);
    // INFO is sent first so that it never counts this tick's other commands (see deriveSample).
    const requests = [
      attempt(() => node.info(sectionsFor(state))),
      attempt(() => node.slowlog(this.slowlogCount)),
      readConfig ? attempt(() => node.configGet('slowlog-*')) : undefined,
    ] as const;
    const busySince = t;
    state.busySince = busySince;
    void Promise.allSettled(requests.filter((r): r is Promise<unknown> => r !== undefined)).then(() => {
      if (state.busySince === busySince) state.busySince = undefined;
    });
    try {
      const [infoText, slowlogRaw, config] = await Promise.all([
        this.withTimeout(requests[0], node, 'INFO').catch((e: unknown) => {
          if (state.multiSectionInfo && /syntax error|wrong number of arguments/i.test(String(e))) state.infoAllOnly = true;
          throw e;
        }),
        this.withTimeout(requests[1], node, 'SLOWLOG GET'),
        // CONFIG is disabled on many managed services: without it the dashboard just lacks the slowlog settings.
        requests[2] && this.withTimeout(requests[2], node, 'CONFIG GET').then(parseSlowlogConfig, () => null),
      ]);

      const info = parseInfo(infoText);
      const version = infoField(info, 'redis_version');
      state.multiSectionInfo = !state.infoAllOnly && version !== undefined && Number(version.split('.')[0]) >= 7;
      const counters = readCounters(info, t);
      const sample = deriveSample(t, info, counters, state.counters, state.sentSinceCounters);
      state.counters = counters;
      state.sentSinceCounters = requests[2] ? 3 : 2;
      if (config === null) state.configUnsupported = true;
      else if (config) {
        state.slowlogConfig = config;
        state.ticksSinceConfig = 0;
      }
      state.ticksSinceConfig++;
      const slowlog = parseSlowlog(slowlogRaw, state.slowlogById);
      state.slowlogById = new Map(slowlog.map((e) => [e.id, e]));
      state.history.push(sample);
      state.ok = true;
      return {
        nodeId: node.id,
        ok: true,
        sample,
        snapshot: buildSnapshot(info),
        commandStats: parseCommandStats(info),
        slowlog,
        slowlogConfig: state.slowlogConfig,
      };
    } catch (error) {
      return this.fail(state, error instanceof Error ? error.message : String(error));
    }
  }

  /** SLOWLOG RESET on the given nodes (all when omitted), counted as the poller's own commands. */
  async resetSlowlog(nodeIds?: readonly string[]): Promise<void> {
    const targets = this.states.filter((s) => !nodeIds || nodeIds.includes(s.node.id) || nodeIds.includes(ALL_NODES));
    await Promise.all(
      targets.map(async (s) => {
        s.sentSinceCounters++;
        await s.node.slowlogReset();
      }),
    );
  }

  private fail(state: NodeState, message: string): NodeTick {
    state.ok = false;
    state.counters = undefined; // the commands sent meanwhile are unknown: restart rates from scratch
    return { nodeId: state.node.id, ok: false, error: message };
  }

  private merge(t: number, nodes: NodeTick[]): DashboardTick['merged'] {
    if (this.states.length <= 1) return undefined;
    const ok = nodes.filter((n): n is NodeTickOk => n.ok);
    const snapshot = mergeSnapshots(ok.map((n) => n.snapshot));
    if (!snapshot) return undefined;
    const sample = mergeSamples(t, ok.map((n) => n.sample), snapshot.hitRatio);
    this.mergedHistory.push(sample);
    return {
      nodeId: ALL_NODES,
      ok: true,
      sample,
      snapshot,
      commandStats: mergeCommandStats(ok.map((n) => n.commandStats)),
      slowlog: mergeSlowlogs(ok.map((n) => ({ nodeId: n.nodeId, entries: n.slowlog })), this.slowlogCount),
      slowlogConfig: mergeSlowlogConfigs(ok.map((n) => n.slowlogConfig)),
    };
  }

  private withTimeout<T>(promise: Promise<T>, node: DashboardNode, what: string): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} on ${node.label} got no reply within ${this.requestTimeoutMs} ms.`)), this.requestTimeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }
}

/** `INFO all` until the version is known (it works everywhere), then only the sections needed on Redis 7+. */
function sectionsFor(state: NodeState): readonly string[] {
  return state.multiSectionInfo ? INFO_SECTIONS : ['all'];
}

/** Turns a synchronous throw of a node function into a rejection. */
function attempt<T>(call: () => Promise<T>): Promise<T> {
  try {
    return Promise.resolve(call());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`Dashboard poller option ${name} must be a positive number, got ${value}.`);
  return value;
}
