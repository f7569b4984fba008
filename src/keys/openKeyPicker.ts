import * as vscode from 'vscode';
import { formatKeyName, parseKeyName } from '../core/redis/keyspace/keyName';
import { suggestKeys } from '../core/redis/values/keySuggestions';
import { quickInputShown } from '../connections/multiStepInput';
import { errorMessage } from '../log';
import type { DatabaseScope } from '../explorer/explorerNode';
import type { Connections } from '../connections/connections';
import type { LoadBudget } from '../core/redis/keyspace/loadBudget';

/** Wait after the last keystroke before scanning: one SCAN walk per pause, not per character. */
const DEBOUNCE_MS = 200;
const MAX_SUGGESTIONS = 50;

export interface SuggestionLimits {
  scanCount: number;
  maxKeysPerLoad: number;
  /** A fresh load budget for one suggestion walk on the scope's connection. */
  newBudget?: (scope: DatabaseScope) => LoadBudget;
}

type KeyItem = vscode.QuickPickItem & { key?: Buffer; exact?: boolean };

/**
 * Open Key…: the user types a name (bytes as redis-cli writes them) and gets, as they type, the
 * keys that start with it (SCAN within the key browser's limits, debounced, the previous scan
 * cancelled). The exact typed name is always the first item, so Enter opens what was typed.
 */
export function pickKeyToOpen(connections: Connections, scope: DatabaseScope, limits: SuggestionLimits, initial = ''): Promise<Buffer | undefined> {
  const pick = vscode.window.createQuickPick<KeyItem>();
  pick.title = `Open Key in db${scope.db} of ${scope.connection.name}`;
  pick.placeholder = 'Key name (\\xff, \\n and \\\\ for bytes): keys that start with it are suggested';
  pick.ignoreFocusOut = true;
  let scan: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let suggestions: KeyItem[] = [];

  const exactItem = (text: string): KeyItem[] => {
    if (text === '') return [];
    try {
      return [{ label: text, description: 'open this exact name', alwaysShow: true, exact: true, key: parseKeyName(text) }];
    } catch (error) {
      return [{ label: text, description: errorMessage(error), alwaysShow: true, exact: true }];
    }
  };
  const show = (): void => {
    const exact = exactItem(pick.value);
    const typed = exact[0]?.key;
    pick.items = [...exact, ...suggestions.filter((s) => !(typed && s.key?.equals(typed)))];
  };
  const suggest = async (text: string, signal: AbortSignal): Promise<void> => {
    let prefix: Buffer;
    try {
      prefix = parseKeyName(text);
    } catch {
      return;
    }
    pick.busy = true;
    try {
      const client = await connections.client(scope);
      const keys = await suggestKeys(client, prefix, { count: limits.scanCount, maxKeys: limits.maxKeysPerLoad, limit: MAX_SUGGESTIONS, signal, ...(limits.newBudget ? { budget: limits.newBudget(scope) } : {}) });
      if (signal.aborted) return;
      // alwaysShow: VS Code's own filter would hide names it reads differently (escapes); the list is the match already.
      suggestions = keys.map((key) => ({ label: formatKeyName(key), alwaysShow: true, key }));
      show();
    } catch (error) {
      if (!signal.aborted) pick.placeholder = `No suggestions: ${errorMessage(error)}`;
    } finally {
      if (!signal.aborted) pick.busy = false;
    }
  };

  return new Promise((resolve) => {
    const disposables: vscode.Disposable[] = [];
    const finish = (key: Buffer | undefined): void => {
      clearTimeout(timer);
      scan?.abort();
      for (const d of disposables) d.dispose();
      pick.dispose();
      resolve(key);
    };
    disposables.push(
      pick.onDidChangeValue((text) => {
        suggestions = [];
        show();
        clearTimeout(timer);
        scan?.abort();
        scan = new AbortController();
        const signal = scan.signal;
        timer = setTimeout(() => void suggest(text, signal), DEBOUNCE_MS);
      }),
      pick.onDidAccept(() => {
        // Enter right after typing may beat the list's update: the exact name is what is typed now.
        const active = pick.activeItems[0];
        const key = active && !active.exact ? active.key : exactItem(pick.value)[0]?.key;
        if (key) finish(key);
      }),
      pick.onDidHide(() => finish(undefined)),
    );
    pick.value = initial;
    show();
    pick.show();
    quickInputShown.fire(pick);
  });
}
