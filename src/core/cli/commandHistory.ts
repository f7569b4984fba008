/**
 * Command history with shell behaviour: Up/Down walk older/newer entries, the line being typed
 * is kept as a draft and comes back past the newest entry, blank lines and a repeat of the
 * previous command are not recorded.
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
    this.entries = initial.slice(-limit);
    this.position = this.entries.length;
  }

  /** Every entry, oldest first (for persisting between sessions). */
  get all(): readonly string[] {
    return this.entries;
  }

  add(line: string): void {
    if (line.trim() !== '' && this.entries[this.entries.length - 1] !== line) {
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

/**
 * Lines redis-cli keeps out of its history because they carry secrets: AUTH, ACL SETUSER,
 * CONFIG SET masterauth/masteruser/requirepass, HELLO … AUTH, MIGRATE … AUTH/AUTH2.
 */
export function isSensitiveCommand(args: readonly Buffer[]): boolean {
  const word = (i: number): string => args[i]?.toString('latin1').toLowerCase() ?? '';
  const argc = args.length;
  if (word(0) === 'auth') return true;
  if (argc > 1 && word(0) === 'acl' && word(1) === 'setuser') return true;
  if (argc > 2 && word(0) === 'config' && word(1) === 'set' && ['masterauth', 'masteruser', 'requirepass'].includes(word(2))) return true;
  if (argc > 4 && word(0) === 'hello') {
    for (let j = 2; j < argc; j++) {
      const more = argc - 1 - j;
      if (word(j) === 'auth' && more >= 2) return true;
      if (word(j) === 'setname' && more) j++;
      else return false;
    }
  }
  if (argc > 7 && word(0) === 'migrate') {
    for (let j = 6; j < argc; j++) {
      const more = argc - 1 - j;
      if (word(j) === 'auth' && more) return true;
      if (word(j) === 'auth2' && more >= 2) return true;
      if (word(j) === 'keys' && more) return false;
    }
  }
  return false;
}
