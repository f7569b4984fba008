import { isNotAnswering } from '../redis/connection/commandDeadline';
import { describeConnectionError } from '../redis/connection/connectionErrors';
import { helpText } from './cliHelp';
import { CliLink, type OpenConnection } from './cliLink';
import { decideCommand } from './cliPolicy';
import type { CliTarget } from './cliTarget';
import { CommandCatalog } from './commandCatalog';
import { CommandHistory } from './commandHistory';
import { formatInvalidation, formatReply, formatReplyRaw, printsRaw } from './formatReply';
import { LineEditor } from './lineEditor';
import { parseCommandLine } from './parseCommandLine';
import type { RespValue } from './resp';
import { decodeTerminalInput, type TerminalKey } from './terminalKeys';
import { columnize, commonPrefix } from './completionText';

export interface CliSessionOptions {
  target: CliTarget;
  /** Terminal output: "\r\n" line ends and ANSI sequences, ready for a Pseudoterminal's onDidWrite. */
  write: (text: string) => void;
  /** Called once when the user leaves (quit, exit, Ctrl-D on an empty line). */
  onExit?: () => void;
  /** History from an earlier session, oldest first. */
  history?: readonly string[];
  /** Ask before @dangerous commands (default true). */
  confirmDangerous?: boolean;
  /** Opens raw connections; replaced in tests. */
  open?: OpenConnection;
}

type State = 'starting' | 'prompt' | 'busy' | 'streaming' | 'confirming' | 'closed';

const STREAMING_COMMANDS = new Set(['monitor', 'subscribe', 'psubscribe', 'ssubscribe']);

/**
 * A redis-cli in a terminal, independent of VS Code: feed it what the user types
 * ({@link handleInput}), show what it writes. It parses lines as redis-cli does, prints replies
 * as redis-cli does, keeps history, completes command names from the server's COMMAND DOCS,
 * shows the database and MULTI state in the prompt, follows Cluster redirects, streams MONITOR
 * and SUBSCRIBE until Ctrl-C, asks before @dangerous commands and refuses writes on read-only
 * connections.
 */
export class CliSession {
  private state: State = 'starting';
  private readonly link: CliLink;
  private catalog = CommandCatalog.empty();
  private readonly editor = new LineEditor();
  private readonly history: CommandHistory;
  /** Input typed while a command runs; replayed at the next prompt (so pasted lines run in order). */
  private queued = '';
  private lastKeyWasTab = false;
  private columns = 80;
  private answerConfirmation?: (yes: boolean) => void;
  private stopStreaming?: () => void;
  private idleWaiters: (() => void)[] = [];
  /** Set while Ctrl-C is replacing the connection under a running command. */
  private interruption?: Promise<void>;
  /** Aborts the connection attempt in progress (a second Ctrl-C while the server does not answer). */
  private connecting?: AbortController;

  constructor(private readonly options: CliSessionOptions) {
    this.link = new CliLink(options.target, options.open);
    this.history = new CommandHistory(options.history);
    this.link.onPush = (reply) => this.showPush(reply);
  }

  /** The prompt as redis-cli writes it: `127.0.0.1:6379[2](TX)> `, or `not connected> `. */
  get prompt(): string {
    const address = this.link.promptAddress;
    if (!address) return 'not connected> ';
    return `${address}${this.link.db ? `[${this.link.db}]` : ''}${this.link.inMulti ? '(TX)' : ''}> `;
  }

  get historyEntries(): readonly string[] {
    return this.history.all;
  }

  /** Connects, reads the server's command table, shows the first prompt. */
  async start(): Promise<void> {
    try {
      await this.link.connect(this.connectSignal());
      this.catalog = await this.link.loadCatalog();
    } catch (error) {
      this.print(`${this.describe(error)}\n`);
    }
    this.settle();
  }

  /** A fresh signal for the next connection attempt; Ctrl-C aborts it. */
  private connectSignal(): AbortSignal {
    this.connecting = new AbortController();
    return this.connecting.signal;
  }

  /** What went wrong, in the words the rest of the extension uses for a server that does not answer. */
  private describe(error: unknown): string {
    return isNotAnswering(error) ? describeConnectionError(error, { config: this.options.target.config }).message : (error as Error).message;
  }

  setDimensions(columns: number): void {
    this.columns = Math.max(20, columns);
  }

  handleInput(data: string): void {
    if (this.state === 'closed') return;
    if (this.state === 'busy' || this.state === 'starting') {
      if (!data.includes('\x03')) this.queued += data;
      else if (this.state === 'busy' && !this.interruption) this.interrupt();
      // Opening the terminal, or Ctrl-C's reconnect, on a server that does not answer: stop waiting.
      else this.connecting?.abort();
      return;
    }
    if (this.state === 'streaming') {
      if (data.includes('\x03')) this.stopStreaming?.();
      return;
    }
    if (this.state === 'confirming') {
      const yes = data.trim().toLowerCase().startsWith('y');
      this.print(yes ? 'y\n' : '\n');
      this.answerConfirmation?.(yes);
      return;
    }
    const keys = decodeTerminalInput(data);
    for (let i = 0; i < keys.length; i++) {
      if (this.state !== 'prompt') {
        // A command started: keep the rest for the next prompt.
        this.queued += keysToText(keys.slice(i));
        return;
      }
      this.handleKey(keys[i]);
    }
  }

  /** Resolves when the session waits for the user (prompt or a confirmation) with no typed-ahead input left. */
  whenIdle(): Promise<void> {
    if (this.state === 'prompt' || this.state === 'confirming' || this.state === 'closed') return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.stopStreaming = undefined;
    this.link.close();
    this.wakeIdleWaiters();
  }

  private handleKey(key: TerminalKey): void {
    const wasTab = this.lastKeyWasTab;
    this.lastKeyWasTab = key.kind === 'tab';
    switch (key.kind) {
      case 'text':
        this.editor.insert(key.text);
        break;
      case 'enter':
        this.submit();
        return;
      case 'tab':
        this.complete(wasTab);
        return;
      case 'interrupt':
        // As in a shell: abandon the line, new prompt.
        this.print('^C\n');
        this.editor.clear();
        this.history.resetBrowsing();
        break;
      case 'eof':
        if (this.editor.text === '') {
          this.exit();
          return;
        }
        this.editor.deleteForward();
        break;
      case 'clearScreen':
        this.options.write('\x1b[H\x1b[2J');
        break;
      case 'up':
      case 'down': {
        const recalled = key.kind === 'up' ? this.history.previous(this.editor.text) : this.history.next();
        if (recalled !== undefined) this.editor.set(recalled);
        break;
      }
      default:
        EDIT_KEYS[key.kind](this.editor);
    }
    this.redraw();
  }

  private submit(): void {
    const line = this.editor.text;
    this.print('\n');
    this.editor.clear();
    this.history.resetBrowsing();
    this.state = 'busy';
    void this.execute(line)
      .catch((error: unknown) => {
        // After Ctrl-C the connection was closed under the command on purpose.
        if (!this.interruption) this.print(`Error: ${this.describe(error)}\n`);
      })
      // The prompt comes back once Ctrl-C's fresh connection is ready.
      .then(() => this.interruption)
      .then(() => this.settle());
  }

  /** Back to the prompt: show it, replay input typed meanwhile, wake {@link whenIdle} callers. */
  private settle(): void {
    if (this.state === 'closed') return;
    this.interruption = undefined;
    this.showPrompt();
    const queued = this.queued;
    this.queued = '';
    if (queued) this.handleInput(queued);
    if (this.state === 'prompt') this.wakeIdleWaiters();
  }

  private wakeIdleWaiters(): void {
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** One line, as redis-cli's REPL handles it. */
  private async execute(line: string): Promise<void> {
    if (line === '') return;
    const args = parseCommandLine(line);
    if (args === null) {
      this.history.add(line, this.catalog.secretWords);
      return this.print('Invalid argument(s)\n');
    }
    if (args.length === 0) return;
    // "3 INCR x" runs INCR three times.
    let repeat = 1;
    let command = args;
    if (args.length > 1 && /^[+-]?\d+$/.test(args[0].toString('latin1'))) {
      repeat = Number(args[0].toString('latin1'));
      if (repeat <= 0 || !Number.isSafeInteger(repeat)) return this.print('Invalid redis-cli repeat command option value.\n');
      command = args.slice(1);
    }
    this.history.add(line, this.catalog.secretWords);
    const first = args[0].toString('latin1').toLowerCase();
    if (first === 'quit' || first === 'exit') return this.exit();
    if (first === 'clear' && args.length === 1) return void this.options.write('\x1b[H\x1b[2J');
    if (first === 'connect' && args.length === 3) return this.print('(error) connect is not available here: open the Redis CLI from the connection you want.\n');
    const name = command[0].toString('latin1').toLowerCase();
    if (name === 'help' || name === '?') return this.print(helpText(this.catalog, command.slice(1).map((a) => a.toString('utf8'))));
    if (!(await this.ensureConnected())) return;
    const { config } = this.options.target;
    const decision = await decideCommand(this.catalog, command, { readOnly: config.readOnly, confirmDangerous: this.options.confirmDangerous ?? true, connectionName: config.name });
    if (decision.action === 'refuse') return this.print(`(error) ${decision.message}\n`);
    if (decision.action === 'confirm' && !(await this.confirm(decision.message))) return this.print('Not sent.\n');
    if (STREAMING_COMMANDS.has(name)) return this.stream(command, name !== 'monitor');
    const started = Date.now();
    for (let i = 0; i < repeat && this.state === 'busy'; i++) {
      const reply = await this.link.send(command, (notice) => this.print(notice));
      this.print(printsRaw(command) ? formatReplyRaw(reply) : formatReply(reply));
    }
    // redis-cli reports commands that took half a second or more.
    const elapsed = Date.now() - started;
    if (elapsed >= 500) this.print(`(${(elapsed / 1000).toFixed(2)}s)\n`);
  }

  private async ensureConnected(): Promise<boolean> {
    if (this.link.connected) return true;
    try {
      await this.link.connect(this.connectSignal());
      if (this.catalog.size === 0) this.catalog = await this.link.loadCatalog();
      return true;
    } catch (error) {
      this.print(`${this.describe(error)}\n`);
      return false;
    }
  }

  private confirm(question: string): Promise<boolean> {
    this.state = 'confirming';
    this.print(question);
    this.wakeIdleWaiters();
    return new Promise((resolve) => {
      this.answerConfirmation = (yes) => {
        this.answerConfirmation = undefined;
        this.state = 'busy';
        resolve(yes);
      };
    });
  }

  /** MONITOR and (P/S)SUBSCRIBE: print every reply until Ctrl-C, an error reply, or a lost connection. */
  private async stream(args: Buffer[], pubsub: boolean): Promise<void> {
    this.state = 'streaming';
    if (pubsub) this.print('Reading messages... (press Ctrl-C to quit)\n');
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const stream = this.link.stream(
      args,
      (reply) => {
        this.print(formatReply(reply));
        // An error (wrong arguments) means the server never entered the mode.
        if (reply.type === 'error') {
          this.link.endStream();
          finish();
        }
      },
      (notice) => this.print(notice),
    );
    this.stopStreaming = () => {
      this.stopStreaming = undefined;
      this.print('^C\n');
      stream.stop(this.connectSignal()).then(finish, (error: unknown) => {
        this.print(`${this.describe(error)}\n`);
        finish();
      });
    };
    void stream.closed.then(() => {
      if (this.stopStreaming) {
        this.stopStreaming = undefined;
        this.print('Error: Server closed the connection\n');
        finish();
      }
    });
    await finished;
    this.stopStreaming = undefined;
    if (this.state === 'streaming') this.state = 'busy';
  }

  private interrupt(): void {
    this.queued = '';
    this.print('^C\n');
    this.interruption = this.link.interrupt(this.connectSignal()).catch((error: unknown) => this.print(`${this.describe(error)}\n`));
  }

  private complete(secondTab: boolean): void {
    if (!this.editor.cursorAtEnd) return;
    const text = this.editor.text;
    const helpPrefix = /^\s*help\s+/i.exec(text)?.[0] ?? '';
    const candidates = this.catalog.complete(text.slice(helpPrefix.length));
    if (candidates.length === 0) return this.options.write('\x07');
    if (candidates.length === 1) {
      this.editor.set(`${helpPrefix}${candidates[0]} `);
      return this.redraw();
    }
    const common = commonPrefix(candidates);
    if (common.length > text.length - helpPrefix.length) {
      this.editor.set(helpPrefix + common);
      return this.redraw();
    }
    if (!secondTab) return this.options.write('\x07');
    this.print(`\n${columnize(candidates, this.columns)}`);
    this.redraw();
  }

  private showPush(reply: RespValue): void {
    const text = formatInvalidation(reply) ?? formatReply(reply);
    if (this.state === 'prompt') {
      this.options.write('\r\x1b[K');
      this.print(text);
      this.redraw();
    } else {
      this.print(text);
    }
  }

  private exit(): void {
    if (this.state === 'closed') return;
    this.close();
    this.options.onExit?.();
  }

  private showPrompt(): void {
    if (this.state === 'closed') return;
    this.state = 'prompt';
    this.redraw();
  }

  private redraw(): void {
    this.options.write(this.editor.render(this.prompt));
  }

  /** Writes text with "\n" line ends as terminal text ("\r\n"). */
  private print(text: string): void {
    if (text && this.state !== 'closed') this.options.write(text.replace(/\r?\n/g, '\r\n'));
  }
}

const EDIT_KEYS: Record<string, (editor: LineEditor) => void> = {
  backspace: (e) => e.backspace(),
  delete: (e) => e.deleteForward(),
  left: (e) => e.left(),
  right: (e) => e.right(),
  home: (e) => e.home(),
  end: (e) => e.end(),
  killLineStart: (e) => e.killToStart(),
  killLineEnd: (e) => e.killToEnd(),
  deleteWordBack: (e) => e.deleteWordBack(),
  wordLeft: (e) => e.wordLeft(),
  wordRight: (e) => e.wordRight(),
};

/** Keys back to terminal text, for input typed ahead of a running command. */
function keysToText(keys: TerminalKey[]): string {
  return keys.map((k) => (k.kind === 'text' ? k.text : k.kind === 'enter' ? '\r' : k.kind === 'tab' ? '\t' : '')).join('');
}
