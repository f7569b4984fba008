import type * as vscode from 'vscode';
import { mentionsSecret } from '../core/terminal/secretLines';

/** Lines kept per connection between sessions. */
const KEPT_LINES = 500;

/**
 * CLI history per connection in the extension's global state (not in settings: it is personal and
 * may name keys). The session never records AUTH and other lines that carry secrets; lines an
 * older version recorded are dropped here too, on reading and on writing.
 */
export class CliHistoryStore {
  constructor(private readonly state: vscode.Memento) {}

  load(connectionId: string): string[] {
    const value = this.state.get<unknown>(storageKey(connectionId));
    return Array.isArray(value) ? value.filter((line): line is string => typeof line === 'string' && !mentionsSecret(line)) : [];
  }

  save(connectionId: string, lines: readonly string[]): Thenable<void> {
    return this.state.update(storageKey(connectionId), lines.filter((line) => !mentionsSecret(line)).slice(-KEPT_LINES));
  }
}

function storageKey(connectionId: string): string {
  return `redisSpecialist.cliHistory.${connectionId}`;
}
