import * as vscode from 'vscode';

/**
 * Every context key the extension sets, each read by a `when` clause in package.json and each set
 * by one owner (the key browser, `keys/keyTreeProvider.ts`):
 * - `keysFiltered`: the view title's Clear Filter button, while any shown database is filtered;
 * - `keysLoading`: the view title's Stop Loading Keys button, while a first-page scan runs.
 */
export type ContextKey = 'redisSpecialist.keysFiltered' | 'redisSpecialist.keysLoading';

/** Sets a context key when its value changes (one `setContext` round trip per change, not per call). */
export class ContextKeyValue {
  private value: boolean | undefined;

  constructor(private readonly key: ContextKey) {}

  set(value: boolean): Thenable<unknown> {
    if (value === this.value) return Promise.resolve();
    this.value = value;
    return vscode.commands.executeCommand('setContext', this.key, value);
  }
}
