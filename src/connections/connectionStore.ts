import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { ConnectionConfig, ConnectionSecrets } from '../core/redis/connection/connectionConfig';
import { Cached, ConnectionGoneError, mergeSavedConnections } from '../core/redis/connection/savedConnections';

const SECTION = 'redisSpecialist';
const KEY = 'connections';

/**
 * Saved connections: the non-secret fields in the `redisSpecialist.connections` setting (user or
 * workspace, so a team can share them), passwords in SecretStorage keyed by the connection id.
 * A malformed entry in settings is reported (once per settings change) and left untouched, never dropped.
 */
export class ConnectionStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Normalised once per change of the setting: the tree and every command read the list. */
  private readonly saved = new Cached(() => mergeSavedConnections(this.scopes().map((s) => s.entries), (problem) => this.log.warn(problem)));

  constructor(private readonly secrets: vscode.SecretStorage, private readonly log: Pick<vscode.LogOutputChannel, 'warn'>) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(`${SECTION}.${KEY}`)) return;
        this.saved.invalidate();
        this.changed.fire();
      }),
    );
  }

  /** Every valid connection, workspace entries overriding user entries with the same id. */
  list(): readonly ConnectionConfig[] {
    return this.saved.get();
  }

  get(id: string): ConnectionConfig | undefined {
    return this.list().find((c) => c.id === id);
  }

  /** Adds a connection or updates the one with `config.id`; see {@link add} and {@link update}. */
  save(config: Omit<ConnectionConfig, 'id'> & { id?: string }, secrets?: ConnectionSecrets): Promise<ConnectionConfig> {
    const { id, ...fields } = config;
    return id === undefined ? this.add(fields, secrets) : this.update(id, fields, secrets);
  }

  /** Adds a connection under a fresh id (to user settings), whatever id the fields carry: it never replaces another. */
  async add(config: Omit<ConnectionConfig, 'id'>, secrets?: ConnectionSecrets): Promise<ConnectionConfig> {
    const { id: _ignored, ...fields } = config as Omit<ConnectionConfig, 'id'> & { id?: unknown };
    const saved: ConnectionConfig = { ...fields, id: randomUUID() };
    const target = vscode.ConfigurationTarget.Global;
    const entries = this.scopes().find((s) => s.target === target)?.entries ?? [];
    await this.write(saved, [...entries, saved], target, secrets);
    return saved;
  }

  /** Replaces the saved connection `id` where it is saved; an id that is not saved is an error, never a new entry. */
  async update(id: string, config: Omit<ConnectionConfig, 'id'>, secrets?: ConnectionSecrets): Promise<ConnectionConfig> {
    const saved: ConnectionConfig = { ...config, id };
    const scope = this.scopes().find(({ entries }) => entries.some((e) => idOf(e) === id));
    if (!scope) throw new ConnectionGoneError();
    await this.write(saved, scope.entries.map((e) => (idOf(e) === id ? saved : e)), scope.target, secrets);
    return saved;
  }

  private async write(saved: ConnectionConfig, entries: unknown[], target: vscode.ConfigurationTarget, secrets: ConnectionSecrets | undefined): Promise<void> {
    // Secrets first: a connection must never exist in settings with a password that was lost.
    if (secrets) await this.storeSecrets(saved.id, secrets);
    await vscode.workspace.getConfiguration(SECTION).update(KEY, entries, target);
    // Whether or not the change event came first, the next read sees what was written.
    this.saved.invalidate();
  }

  async remove(id: string): Promise<void> {
    for (const { target, entries } of this.scopes()) {
      if (!entries.some((e) => idOf(e) === id)) continue;
      await vscode.workspace.getConfiguration(SECTION).update(KEY, entries.filter((e) => idOf(e) !== id), target);
    }
    this.saved.invalidate();
    await this.secrets.delete(secretKey(id));
  }

  async getSecrets(id: string): Promise<ConnectionSecrets> {
    const text = await this.secrets.get(secretKey(id));
    if (!text) return {};
    try {
      return JSON.parse(text) as ConnectionSecrets;
    } catch {
      this.log.warn(`The stored secret of connection ${id} is unreadable; connecting without a password.`);
      return {};
    }
  }

  async storeSecrets(id: string, secrets: ConnectionSecrets): Promise<void> {
    const present = Object.fromEntries(Object.entries(secrets).filter(([, v]) => v !== undefined && v !== ''));
    if (Object.keys(present).length === 0) await this.secrets.delete(secretKey(id));
    else await this.secrets.store(secretKey(id), JSON.stringify(present));
  }

  private scopes(): { target: vscode.ConfigurationTarget; entries: unknown[] }[] {
    const inspected = vscode.workspace.getConfiguration(SECTION).inspect<unknown[]>(KEY);
    const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
    return [
      { target: vscode.ConfigurationTarget.Global, entries: asArray(inspected?.globalValue) },
      { target: vscode.ConfigurationTarget.Workspace, entries: asArray(inspected?.workspaceValue) },
      { target: vscode.ConfigurationTarget.WorkspaceFolder, entries: asArray(inspected?.workspaceFolderValue) },
    ];
  }

  dispose(): void {
    this.changed.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

function idOf(entry: unknown): unknown {
  return entry && typeof entry === 'object' ? (entry as { id?: unknown }).id : undefined;
}

export function secretKey(id: string): string {
  return `redisSpecialist.connection.${id}`;
}
