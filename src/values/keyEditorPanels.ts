import type * as vscode from 'vscode';
import type { KeyChange, KeyChanges } from './keyChanges';
import { KeyEditorPanel, type KeyEditorDeps } from './keyEditorPanel';
import { keyTargetId, type KeyTarget } from './keyTarget';

/** The open key editors, one per key: opening a key again shows its tab instead of a second one. */
export class KeyEditorPanels implements vscode.Disposable {
  private readonly panels = new Map<string, KeyEditorPanel>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly deps: () => KeyEditorDeps,
    changes: KeyChanges,
  ) {
    this.subscription = changes.onDidChange(({ target, change }) => void this.keyChanged(target, change));
  }

  open(target: KeyTarget): KeyEditorPanel {
    const existing = this.find(target);
    if (existing) {
      existing.reveal();
      return existing;
    }
    const panel = new KeyEditorPanel(target, this.deps());
    this.track(panel);
    return panel;
  }

  find(target: KeyTarget): KeyEditorPanel | undefined {
    return this.panels.get(keyTargetId(target));
  }

  private track(panel: KeyEditorPanel): void {
    const id = keyTargetId(panel.key);
    this.panels.set(id, panel);
    panel.onDidDispose(() => {
      // After a rename the panel is filed under its new name.
      for (const [key, value] of this.panels) if (value === panel) this.panels.delete(key);
    });
  }

  private async keyChanged(target: KeyTarget, change: KeyChange): Promise<void> {
    if (change.kind === 'bulkDeleted') {
      const scope = `${target.connection.id}/db${target.db}/`;
      await Promise.all([...this.panels].filter(([id]) => id.startsWith(scope)).map(([, panel]) => panel.onKeyChange({ kind: 'changed' })));
      return;
    }
    const panel = this.find(target);
    if (!panel) return;
    if (change.kind === 'renamed') {
      this.panels.delete(keyTargetId(target));
      this.panels.set(keyTargetId({ ...target, key: change.to }), panel);
    }
    await panel.onKeyChange(change);
  }

  dispose(): void {
    this.subscription.dispose();
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
  }
}
