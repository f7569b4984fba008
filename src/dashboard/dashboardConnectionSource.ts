import type * as vscode from 'vscode';
import type { ConnectionConfig } from '../core/redis/connection/connectionConfig';
import type { DashboardNode } from '../core/redis/server/dashboardPoller';

/**
 * What the dashboard needs from the connections feature. The dashboard never creates clients
 * itself: it asks for nodes (see `discoverDashboardNodes` in core/redis/dashboardNodes.ts for
 * ioredis) and listens for the connection going down and coming back.
 */
export interface DashboardConnectionSource {
  /** The saved connections, for the palette's picker. */
  listConnections(): readonly ConnectionConfig[];
  /** Connects when needed; one node per server to poll (every master and replica of a Cluster). Rejects with a readable reason. */
  getNodes(connectionId: string): Promise<DashboardNode[]>;
  /** Read-only connections refuse SLOWLOG RESET. Unknown ids count as read-only. */
  isReadOnly(connectionId: string): boolean;
  /** Whether the connection is up; `error` is the reason when it is not (shown in the banner). */
  getState(connectionId: string): { connected: boolean; error?: string };
  /** Fires with the id of a connection whose state changed (connected, dropped, reconnected, removed). */
  readonly onDidChangeState: vscode.Event<string>;
}

/** The minimum the dashboard logs through (a `vscode.LogOutputChannel` fits). */
export interface DashboardLog {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
