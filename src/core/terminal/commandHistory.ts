import { mentionsSecret, SECRET_WORDS } from './secretLines';

/**
 * Command history with shell behaviour: Up/Down walk older/newer entries, the line being typed
 * is kept as a draft and comes back past the newest entry, blank lines and a repeat of the
 * previous command are not recorded. Lines that mention a secret (secretLines.ts) are never
 * recorded, and dropped from a history an older version saved.
 */
export class CommandHistory {
  private readonly entries: string[];
  /** Index into entries while browsing; entries.length means "at the draft". */
  private position: number;
  private draft = '';

  constructor(
    initial: readonly string[] = [],
    private readonly limit = 1000,
  ) {
    this.entries = initial.filter((line) => !mentionsSecret(line)).slice(-limit);
    this.position = this.entries.length;
  }

  /** Every entry, oldest first (for persisting between sessions). */
  get all(): readonly string[] {
    return this.entries;
  }

  /** Records `line` unless it is blank, a repeat, or mentions a secret (`secretWords`: the server's own too). */
  add(line: string, secretWords: ReadonlySet<string> = SECRET_WORDS): void {
    if (line.trim() !== '' && this.entries[this.entries.length - 1] !== line && !mentionsSecret(line, secretWords)) {
      this.entries.push(line);
      if (this.entries.length > this.limit) this.entries.shift();
    }
    this.resetBrowsing();
  }

  /** The older entry (Up), or undefined at the oldest. `current` is what the line shows now. */
  previous(current: string): string | undefined {
    if (this.position === 0) return undefined;
    if (this.position === this.entries.length) this.draft = current;
    this.position--;
    return this.entries[this.position];
  }

  /** The newer entry (Down), the draft past the newest, or undefined when already at the draft. */
  next(): string | undefined {
    if (this.position >= this.entries.length) return undefined;
    this.position++;
    return this.position === this.entries.length ? this.draft : this.entries[this.position];
  }

  /** Stop browsing (after Enter or Ctrl-C): the next Up starts from the newest entry again. */
  resetBrowsing(): void {
    this.position = this.entries.length;
    this.draft = '';
  }
}
