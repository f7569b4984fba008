import type { DashboardNode, DashboardPoller, DashboardTick } from '../core/redis/server/dashboardPoller';
import { ALL_NODES, type ConnectionState, type DashboardNodeOption, type InitMessage, type TickMessage, type WireNodeTick } from '../core/protocol/dashboard';

/** Host-side builders of the messages the page receives (pure: no `vscode`, unit-tested). */

export function nodeOptions(nodes: readonly Pick<DashboardNode, 'id' | 'label'>[]): DashboardNodeOption[] {
  const options = nodes.map((n) => ({ id: n.id, label: n.label }));
  return nodes.length > 1 ? [{ id: ALL_NODES, label: `All ${nodes.length} nodes` }, ...options] : options;
}

/** The whole tick, every slowlog included. */
export function tickMessage(tick: DashboardTick): TickMessage {
  return { type: 'tick', t: tick.t, nodes: tick.merged ? [tick.merged, ...tick.nodes] : tick.nodes };
}

/**
 * Builds tick messages that leave out a node's slowlog when the page already has the same one.
 * `reset()` when the page starts over (it forgets what it had on `init`).
 */
export class TickEncoder {
  private readonly sent = new Map<string, string>();

  reset(): void {
    this.sent.clear();
  }

  encode(tick: DashboardTick): TickMessage {
    const full = tickMessage(tick);
    const nodes = full.nodes.map((node): WireNodeTick => {
      if (!node.ok || !node.slowlog) return node;
      // Entries never change once logged, so node + ids identify a slowlog.
      const signature = node.slowlog.map((e) => `${e.nodeId ?? ''}#${e.id}`).join(',');
      if (this.sent.get(node.nodeId) !== signature) {
        this.sent.set(node.nodeId, signature);
        return node;
      }
      const { slowlog: _unchanged, ...rest } = node;
      return rest;
    });
    return { ...full, nodes };
  }
}

export interface InitParts {
  connection: { id: string; name: string; readOnly: boolean };
  state: ConnectionState;
  intervalMs: number;
  windowSize: number;
  poller: Pick<DashboardPoller, 'nodes' | 'history'> | undefined;
}

export function initMessage({ connection, state, intervalMs, windowSize, poller }: InitParts): InitMessage {
  const nodes = nodeOptions(poller?.nodes ?? []);
  return {
    type: 'init',
    connection,
    state,
    nodes,
    intervalMs,
    windowSize,
    history: Object.fromEntries(nodes.map((n) => [n.id, poller?.history(n.id) ?? []])),
  };
}
