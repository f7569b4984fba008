/**
 * The messages between the dashboard panel (extension host) and its page (webview), as
 * discriminated unions on `type`. Both sides import this file and nothing of each other; it holds
 * no DOM and no `vscode` code. The data shapes are in dashboardData.ts.
 */
import type { MetricSample, NodeTick, NodeTickOk, SlowlogEntry } from './dashboardData';

export { ALL_NODES } from './dashboardData';
export type {
  CommandStat,
  KeyspaceDb,
  MetricSample,
  NodeSnapshot,
  NodeTick,
  NodeTickOk,
  ReplicaLink,
  SlowlogConfig,
  SlowlogEntry,
} from './dashboardData';

export interface DashboardNodeOption {
  /** A node id, or ALL_NODES for the merged view. */
  id: string;
  label: string;
}

export type ConnectionState = 'connected' | 'disconnected';

// ── host → page ──────────────────────────────────────────────────────────────────────────────

/** Everything the page needs to (re)build itself: sent in reply to `ready` and after a reconnect. */
export interface InitMessage {
  type: 'init';
  connection: { id: string; name: string; readOnly: boolean };
  state: ConnectionState;
  /** The merged view first when there is one. */
  nodes: DashboardNodeOption[];
  intervalMs: number;
  /** Samples per chart window. */
  windowSize: number;
  /** The chart window recorded so far, per node id, oldest first. */
  history: Record<string, MetricSample[]>;
}

/**
 * A node's tick as sent: `slowlog` is left out when it is the one the page got last time (it changes
 * far less often than every tick, and is the bulk of the message).
 */
export type WireNodeTick = Exclude<NodeTick, NodeTickOk> | (Omit<NodeTickOk, 'slowlog'> & { slowlog?: SlowlogEntry[] });

/** One poll of every node; `nodes` includes the merged view when there is one. */
export interface TickMessage {
  type: 'tick';
  t: number;
  nodes: WireNodeTick[];
}

/** The connection dropped (banner) or came back. */
export interface ConnectionStateMessage {
  type: 'connectionState';
  state: ConnectionState;
  message?: string;
}

/** The outcome of a page request the host carried out (slowlog reset, copy). */
export interface NoticeMessage {
  type: 'notice';
  level: 'info' | 'error';
  text: string;
}

export type HostMessage = InitMessage | TickMessage | ConnectionStateMessage | NoticeMessage;

// ── page → host ──────────────────────────────────────────────────────────────────────────────

export interface ReadyMessage {
  type: 'ready';
}

/** Put text on the clipboard (the page has no clipboard permission of its own in every host). */
export interface CopyMessage {
  type: 'copy';
  text: string;
}

/** Ask the host to reset the slowlog of a node (ALL_NODES: every node); the host confirms first. */
export interface ResetSlowlogMessage {
  type: 'resetSlowlog';
  nodeId: string;
}

/** Poll now instead of waiting for the next tick. */
export interface RefreshMessage {
  type: 'refresh';
}

export type PageMessage = ReadyMessage | CopyMessage | ResetSlowlogMessage | RefreshMessage;

/** What `vscode.setState` stores for the page; the serializer restores the panel from it. */
export interface DashboardPageState {
  connectionId: string;
  selectedNode?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Validates a message from the page: it is untrusted input to the host. */
export function isPageMessage(value: unknown): value is PageMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
    case 'refresh':
      return true;
    case 'copy':
      return typeof value.text === 'string';
    case 'resetSlowlog':
      return typeof value.nodeId === 'string';
    default:
      return false;
  }
}

/** Validates a message from the host: other extensions' and the webview's own events share the channel. */
export function isHostMessage(value: unknown): value is HostMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'init':
      return isRecord(value.connection) && Array.isArray(value.nodes) && isRecord(value.history);
    case 'tick':
      return typeof value.t === 'number' && Array.isArray(value.nodes);
    case 'connectionState':
      return value.state === 'connected' || value.state === 'disconnected';
    case 'notice':
      return typeof value.text === 'string';
    default:
      return false;
  }
}

export function isDashboardPageState(value: unknown): value is DashboardPageState {
  return isRecord(value) && typeof value.connectionId === 'string' && (value.selectedNode === undefined || typeof value.selectedNode === 'string');
}
