import * as vscode from 'vscode';
import { CliSession } from '../core/terminal/cliSession';
import type { CliTarget } from '../core/terminal/cliTarget';

export interface CliTerminalOptions {
  target: CliTarget;
  history: readonly string[];
  confirmDangerous: boolean;
  /** Called with the session's history after each command and when the terminal closes. */
  saveHistory(lines: readonly string[]): void;
}

/**
 * The VS Code side of the Redis CLI: a Pseudoterminal that feeds keystrokes to a CliSession and
 * shows what it writes. Parsing, formatting, completion, confirmation of dangerous commands and
 * read-only refusal are the session's (core/terminal); this class only adapts events and saves history.
 */
export class CliPseudoterminal implements vscode.Pseudoterminal {
  private readonly written = new vscode.EventEmitter<string>();
  readonly onDidWrite = this.written.event;
  private readonly closed = new vscode.EventEmitter<number | void>();
  readonly onDidClose = this.closed.event;
  private readonly session: CliSession;
  private open_ = false;

  constructor(private readonly options: CliTerminalOptions) {
    this.session = new CliSession({
      target: options.target,
      write: (text) => this.written.fire(text),
      // quit / exit / Ctrl-D: close the terminal, as redis-cli ends its process.
      onExit: () => this.finish(),
      history: options.history,
      confirmDangerous: options.confirmDangerous,
    });
  }

  open(dimensions: vscode.TerminalDimensions | undefined): void {
    this.open_ = true;
    if (dimensions) this.session.setDimensions(dimensions.columns);
    void this.session.start();
  }

  handleInput(data: string): void {
    this.session.handleInput(data);
    if (/[\r\n]/.test(data)) void this.session.whenIdle().then(() => this.options.saveHistory(this.session.historyEntries));
  }

  setDimensions(dimensions: vscode.TerminalDimensions): void {
    this.session.setDimensions(dimensions.columns);
  }

  /** Resolves when the session shows its prompt (or a question) with no typed-ahead input left. */
  whenIdle(): Promise<void> {
    return this.session.whenIdle();
  }

  /** The terminal was closed by the user (or disposed). */
  close(): void {
    this.finish();
  }

  private finish(): void {
    if (!this.open_) return;
    this.open_ = false;
    this.session.close();
    this.options.saveHistory(this.session.historyEntries);
    this.closed.fire();
    this.written.dispose();
    this.closed.dispose();
  }
}
