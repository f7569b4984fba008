import type * as vscode from 'vscode';
import type { ConnectionConfig, ConnectionSecrets } from '../core/redis/connection/connectionConfig';

/** What Import, Export and Copy Connection URL need of the saved connections (the Connections service provides it). */
export interface SavedConnections {
  list(): readonly ConnectionConfig[];
  get(id: string): ConnectionConfig | undefined;
  getSecrets(id: string): Promise<ConnectionSecrets>;
  /** Secrets go to SecretStorage, the settings to `redisSpecialist.connections`. */
  add(config: Omit<ConnectionConfig, 'id'>, secrets?: ConnectionSecrets): Promise<ConnectionConfig>;
}

export interface ConnectionTransferDeps {
  connections: SavedConnections;
  log: vscode.LogOutputChannel;
}

/** A file given to a command by code (tests, other extensions) instead of through a dialog. */
export type FileArg = string | vscode.Uri;
