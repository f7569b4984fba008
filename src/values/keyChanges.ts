import * as vscode from 'vscode';
import type { ConnectionsTreeProvider } from '../connections/connectionsTree';
import type { KeyTreeProvider } from '../keys/keyTreeProvider';
import type { KeyTarget } from './keyTarget';

export type KeyChange =
  /** The value or TTL changed; the key is still there. */
  | { kind: 'changed' }
  | { kind: 'deleted' }
  | { kind: 'renamed'; to: Buffer }
  | { kind: 'created' }
  /** Many keys of the database went (bulk delete). */
  | { kind: 'bulkDeleted' };

/**
 * The one place that hears about key changes made by this extension: it updates the key tree
 * (a deleted key is forgotten; a new name or TTL needs a fresh scan of that database) and tells
 * open key editors, which reload, follow a rename or show that the key is gone.
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
    if (change.kind === 'deleted') this.keys.forgetKey(scope, target.key);
    // The browser cannot add a key it did not scan, and cached TTLs are per node: scan again.
    else this.keys.reset(scope);
    // After a bulk delete the database's key count is news too; it lives on the connection's level.
    if (change.kind === 'bulkDeleted') this.tree.refresh();
    else this.tree.refreshDatabase(target.connection.id, target.db);
    this.emitter.fire({ target, change });
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
