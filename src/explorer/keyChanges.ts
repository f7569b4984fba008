import * as vscode from 'vscode';
import type { KeyTarget } from '../core/redis/values/keyTarget';

export type KeyChange =
  /** The value or TTL changed; the key is still there. */
  | { kind: 'changed' }
  | { kind: 'deleted' }
  | { kind: 'renamed'; to: Buffer }
  | { kind: 'created' }
  /** Many keys of the database went (bulk delete). */
  | { kind: 'bulkDeleted' };

export interface KeyChangeEvent {
  target: KeyTarget;
  change: KeyChange;
}

/**
 * The one bus for key changes made by this extension (key commands, key editor edits, string
 * saves). The key browser updates its rows and counts in place; open key editors reload, follow
 * a rename or show that the key is gone. Built once by the composition root.
 */
export class KeyChanges implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<KeyChangeEvent>();
  readonly onDidChange = this.emitter.event;

  fire(target: KeyTarget, change: KeyChange): void {
    this.emitter.fire({ target, change });
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
