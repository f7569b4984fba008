import * as vscode from 'vscode';
import { Commands, type CommandId } from '../commands';
import { formatKeyName } from '../core/redis/keyspace/keyName';
import { readKeyHeader } from '../core/redis/values/keyHeader';
import type { KeyHeader } from '../core/redis/values/valueTypes';
import { KeyNotFoundError } from '../core/redis/values/valueErrors';
import { errorMessage } from '../log';
import type { HostMessage, KeyAction, PageMessage, WireView } from '../core/protocol/keyEditor';
import type { KeyChange } from '../explorer/keyChanges';
import type { KeyTarget } from '../core/redis/values/keyTarget';
import type { Connections } from '../connections/connections';
import { applyValueEdit } from '../core/redis/values/valueEdits';
import { ValuePager } from '../core/redis/values/valuePager';
import { PageItems } from '../core/redis/values/pageItems';
import { readValueBody, readValueView } from '../core/redis/values/valueReader';
import { wireBytes, wireHeader } from '../core/redis/values/wireValues';
import type { WebviewPanelHost } from '../webviewPanel/webviewPanelHost';
import { hostKeyEditorPage } from './keyEditorPage';

export const KEY_EDITOR_VIEW_TYPE = 'redisSpecialist.keyEditor';

export interface KeyEditorDeps {
  extensionUri: vscode.Uri;
  connections: Connections;
  log: vscode.LogOutputChannel;
  /** Items per page and bytes per string page, read when the editor opens. */
  pageSize: number;
  stringPageBytes: number;
  /** The value was edited here (the tree and other views may want to know). */
  onDidEdit(target: KeyTarget, view: WireView): void;
}

/** The commands the page's toolbar runs; the same ones the tree's context menu offers. */
const KEY_ACTION_COMMANDS: Record<KeyAction, CommandId> = {
  rename: Commands.renameKey,
  delete: Commands.deleteKey,
  setTtl: Commands.setKeyTtl,
  persist: Commands.persistKey,
  duplicate: Commands.duplicateKey,
  copyName: Commands.copyKeyName,
  copyValue: Commands.copyKeyValue,
  editValue: Commands.editStringValue,
};

/** What the page was just shown: the header of a key being opened, or a page of its value. */
export type KeyEditorStage = 'header' | 'page';

/**
 * One key editor tab (a custom editor on a `redis-key:` URI) showing one key: header and a page
 * of its value, edited through typed messages. The host holds the paging state and reads
 * Redis; the page only renders the last view it got and sends intents. Writes go through the
 * connection's write guard.
 */
export class KeyEditorPanel implements vscode.Disposable {
  private readonly pager: ValuePager;
  private view: WireView | undefined;
  /** How the page shown names its items (bounded ids of big values, refs of cut cells). */
  private items = new PageItems();
  private readonly page: WebviewPanelHost<HostMessage, PageMessage>;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;
  /** What the page was sent and when (`performance.now()`): each entry is a read of Redis. Tests measure opening with it. */
  readonly stages: { stage: KeyEditorStage; at: number }[] = [];
  private readonly edited = new vscode.EventEmitter<void>();
  /** Fires after an edit was applied (the tab then stops being a preview). */
  readonly onDidEditValue = this.edited.event;
  /** The page has loaded and asked for its view; views read before that wait for it. */
  private pageReady = false;
  private openingFailure: string | undefined;
  /** Serialises reads and writes: a click during a reload waits for it instead of racing it. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private target: KeyTarget,
    private readonly deps: KeyEditorDeps,
    readonly panel: vscode.WebviewPanel,
    /** The tab's `redis-key:` URI (it keeps the name the key had when opened, also after a rename). */
    readonly uri: vscode.Uri,
    /** Closes and reopens this tab (a page whose frame never starts gets a new one); absent when that was just tried. */
    private readonly reopen?: () => Promise<void>,
  ) {
    this.pager = new ValuePager(deps.pageSize, deps.stringPageBytes);
    this.page = hostKeyEditorPage(panel, deps, (message) => void this.handlePageMessage(message), reopen && (() => void this.reopenTab()));
    this.disposables.push(
      this.page,
      this.page.onDidDispose(() => this.dispose()),
      this.edited,
    );
    // Read while the page loads: the header is ready by the time the page asks for it.
    void this.enqueue(() => this.open());
  }

  get key(): KeyTarget {
    return this.target;
  }

  get isDisposed(): boolean {
    return this.disposables.length === 0;
  }

  /** Closes and reopens this tab, as the panel does by itself when its page does not start (tests call it). */
  async reopenTab(): Promise<void> {
    await this.reopen?.();
  }

  /** How many times the page was loaded again because it did not start (tests read it). */
  get pageReloads(): number {
    return this.page.reloads;
  }

  /** What the page shows now (tests read it). */
  get lastView(): WireView | undefined {
    return this.view;
  }

  /** Handles one message of the page; resolves when its reads and writes are done. */
  handlePageMessage(message: PageMessage): Promise<void> {
    // The page loaded: not queued behind the opening read, which shows its header as soon as it can.
    if (message.type === 'ready') return this.pageLoaded();
    return this.enqueue(() => this.handle(message));
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The page asks for its view: after loading, or again after VS Code reloaded a hidden tab (then without a read). */
  private async pageLoaded(): Promise<void> {
    const first = !this.pageReady;
    this.pageReady = true;
    if (this.view) await (first ? this.present() : this.postView());
    else if (this.openingFailure) await this.post({ type: 'notice', level: 'error', text: this.openingFailure });
  }

  /** Another command changed this key (rename, TTL, delete). */
  onKeyChange(change: KeyChange): Promise<void> {
    if (change.kind === 'renamed') this.target = { ...this.target, key: change.to };
    return this.handlePageMessage({ type: 'refresh' });
  }

  private async handle(message: PageMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
      case 'refresh':
        return this.reload();
      case 'search':
        this.pager.search(message.match);
        return this.reload();
      case 'page':
        if (message.direction === 'first') this.pager.first();
        else if (message.direction === 'next') this.pager.next();
        else this.pager.previous();
        return this.reload();
      case 'order':
        this.pager.reverse(message.reversed);
        return this.reload();
      case 'hex':
        this.pager.hex = message.on;
        return this.reload();
      case 'consumers':
        this.pager.consumersOf = this.pager.consumersOf === message.group ? undefined : message.group;
        return this.reload();
      case 'edit':
        return this.edit(message);
      case 'keyAction':
        await vscode.commands.executeCommand(KEY_ACTION_COMMANDS[message.action], this.target);
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        return this.post({ type: 'notice', level: 'info', text: 'Copied to the clipboard.' });
      case 'loadFull':
        return this.loadFull(message.ref);
    }
  }

  /** The whole value of a cell the page shows cut, read again from Redis (only this one cell). */
  private loadFull(ref: string): Promise<void> {
    return this.busy(async () => {
      try {
        const bytes = await this.items.load(ref);
        await this.post({ type: 'fullValue', ref, value: { ...wireBytes(bytes, Number.POSITIVE_INFINITY), id: this.items.idOf(bytes) } });
      } catch (error) {
        await this.post({ type: 'notice', level: 'error', text: errorMessage(error) });
      }
    });
  }

  private async edit(message: Extract<PageMessage, { type: 'edit' }>): Promise<void> {
    await this.busy(async () => {
      try {
        const client = await this.deps.connections.client(this.target);
        const outcome = await applyValueEdit(client, this.target.key, message.edit, this.deps.connections.guard(this.target), this.items);
        this.deps.log.info(`${message.edit.op} on ${formatKeyName(this.target.key)}: ${outcome}`);
        await this.read();
        await this.post({ type: 'notice', level: 'info', text: outcome });
        this.edited.fire();
        if (this.view) this.deps.onDidEdit(this.target, this.view);
      } catch (error) {
        // Refusals (read-only, conflicts, bad escapes) are expected: say why on the page.
        this.deps.log.warn(`${message.edit.op} on ${formatKeyName(this.target.key)} failed: ${errorMessage(error)}`);
        // A key deleted meanwhile: show that, which also takes the write actions away.
        if (error instanceof KeyNotFoundError) await this.read().catch(() => undefined);
        await this.post({ type: 'notice', level: 'error', text: errorMessage(error) });
      }
    });
  }

  private reload(): Promise<void> {
    return this.busy(async () => {
      try {
        await this.read();
      } catch (error) {
        this.deps.log.warn(`Reading ${formatKeyName(this.target.key)} failed: ${errorMessage(error)}`);
        await this.post({ type: 'notice', level: 'error', text: errorMessage(error) });
      }
    });
  }

  /** Opening: the header as soon as it is read, then the first page. */
  private open(): Promise<void> {
    return this.busy(async () => {
      try {
        const client = await this.deps.connections.client(this.target);
        let header: KeyHeader;
        try {
          header = await readKeyHeader(client, this.target.key);
        } catch (error) {
          if (!(error instanceof KeyNotFoundError)) throw error;
          return await this.show({ kind: 'missing', key: wireBytes(this.target.key), note: error.message });
        }
        await this.show({ kind: 'loading', key: wireBytes(this.target.key), header: wireHeader(header) });
        const items = new PageItems();
        const view = await readValueBody(client, this.target.key, header, this.pager, items);
        this.items = items;
        await this.show(view);
      } catch (error) {
        this.deps.log.warn(`Reading ${formatKeyName(this.target.key)} failed: ${errorMessage(error)}`);
        // The page may still be loading: it gets the reason when it asks for its view.
        this.openingFailure = errorMessage(error);
        await this.post({ type: 'notice', level: 'error', text: this.openingFailure });
      }
    });
  }

  private async read(): Promise<void> {
    const client = await this.deps.connections.client(this.target);
    const items = new PageItems();
    const view = await readValueView(client, this.target.key, this.pager, items);
    this.items = items;
    await this.show(view);
  }

  private async show(view: WireView): Promise<void> {
    this.view = view;
    if (this.pageReady) await this.present();
  }

  /** Posts the view and notes what the page now shows; a page shown without its header first shows both at once. */
  private async present(): Promise<void> {
    await this.postView();
    const at = performance.now();
    const stage: KeyEditorStage = this.view?.kind === 'loading' ? 'header' : 'page';
    if (stage === 'page' && this.stages.length === 0) this.stages.push({ stage: 'header', at });
    this.stages.push({ stage, at });
  }

  private postView(): Promise<void> {
    // A connection removed while its tab is open: show what was read, and allow no writes.
    const connection = this.deps.connections.get(this.target.connection.id) ?? { name: `${this.target.connection.name} (removed)`, readOnly: true };
    const view = this.view as WireView;
    return this.post({ type: 'view', connection: { name: connection.name, readOnly: connection.readOnly }, db: this.target.db, view });
  }

  private async busy(work: () => Promise<void>): Promise<void> {
    await this.post({ type: 'busy', busy: true });
    try {
      await work();
    } finally {
      await this.post({ type: 'busy', busy: false });
    }
  }

  private post(message: HostMessage): Promise<void> {
    // Once the tab is closed the work it reports is done either way: the page host drops the message.
    return this.page.post(message);
  }

  dispose(): void {
    if (this.disposables.length === 0) return;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.disposed.fire();
    this.disposed.dispose();
  }
}
