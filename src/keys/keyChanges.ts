import * as vscode from 'vscode';
import type { ConnectionsTreeProvider } from '../connections/connectionsTree';
import type { KeyTreeProvider } from './keyTreeProvider';
import type { KeyTarget } from '../core/redis/values/keyTarget';

export type KeyChange =
  /** The value or TTL changed; the key is still there. */
  | { kind: 'changed' }
  | { kind: 'deleted' }
  | { kind: 'renamed'; to: Buffer }
  | { kind: 'created' }
  /** Many keys of the database went (bulk delete). */
  | { kind: 'bulkDeleted' };

/**
 * The one place that hears about key changes made by this extension: it updates the key tree in
 * place (the changed row, the folder counts, the database's key count; only a bulk delete
 * rescans) and tells open key editors, which reload, follow a rename or show that the key is gone.
 */
export class KeyChanges implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<{ target: KeyTarget; change: KeyChange }>();
  readonly onDidChange = this.emitter.event;

  constructor(
    private readonly keys: KeyTreeProvider,
    private readonly tree: ConnectionsTreeProvider,
  ) {}

  fire(target: KeyTarget, change: KeyChange): void {
    const scope = { connection: target.connection, db: target.db };
    void this.keys.applyKeyChange(scope, target.key, change).catch(() => {
      // Updating in place failed (the server went away): what is loaded can no longer be trusted.
      this.keys.reset(scope);
      this.tree.refreshDatabase(target.connection.id, target.db);
    });
    if (change.kind !== 'changed') void this.tree.refreshDatabaseCounts(target.connection.id, target.db);
    this.emitter.fire({ target, change });
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
