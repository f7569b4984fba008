import type { DashboardNode, DashboardPoller, DashboardTick } from '../core/redis/dashboardPoller';
import { ALL_NODES, type ConnectionState, type DashboardNodeOption, type InitMessage, type TickMessage } from '../webview/protocol/dashboard';

/** Host-side builders of the messages the page receives (pure: no `vscode`, unit-tested). */

export function nodeOptions(nodes: readonly Pick<DashboardNode, 'id' | 'label'>[]): DashboardNodeOption[] {
  const options = nodes.map((n) => ({ id: n.id, label: n.label }));
  return nodes.length > 1 ? [{ id: ALL_NODES, label: `All ${nodes.length} nodes` }, ...options] : options;
}

export function tickMessage(tick: DashboardTick): TickMessage {
  return { type: 'tick', t: tick.t, nodes: tick.merged ? [tick.merged, ...tick.nodes] : tick.nodes };
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
