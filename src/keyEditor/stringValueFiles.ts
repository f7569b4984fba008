import * as vscode from 'vscode';
import { formatKeyName } from '../core/redis/keyspace/keyName';
import { createKey } from '../core/redis/values/newKey';
import { readStringDocument, saveString, StringTooLargeError, type StringDocument } from '../core/redis/values/types/stringValue';
import { ConflictError, KeyNotFoundError, KeyTypeError } from '../core/redis/values/valueErrors';
import { parseValueText, type ValueFormat } from '../core/redis/values/valueText';
import { ReadOnlyError, type WriteGuard } from '../core/redis/safety/writeGuard';
import type { RedisClient } from '../core/redis/connection/clientFactory';
import type { KeyTarget } from '../core/redis/values/keyTarget';
import type { Connections } from '../connections/connections';

export const STRING_VALUE_SCHEME = 'redis-value';

/** A document for a key that does not exist yet: its first save creates the key. */
export interface PendingKey {
  type: 'string' | 'json';
  ttlSeconds?: number;
  onCreated(): void;
}

/** What was read for an open document: the bytes a save compares against, and how they were shown. */
interface OpenValue {
  original: Buffer;
  /** Set until the first save of a New Key… document created the key. */
  creating?: PendingKey;
  /** The document text the value is shown as. */
  text: Buffer;
  format: ValueFormat;
  compactJson: boolean;
  mtime: number;
  size: number;
}

/**
 * String values as text documents (`redis-value:` URIs), so they are edited in a real editor with
 * undo, search and JSON support. Saving writes SET … KEEPTTL (the TTL survives) only when the
 * server still holds what was opened; otherwise the user is asked before overwriting. JSON is
 * shown pretty-printed and stored back in the style it had; binary values are edited as
 * redis-cli escapes. Values over the size limit are not opened here (the key editor pages them).
 */
export class StringValueFiles implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private readonly saved = new vscode.EventEmitter<KeyTarget>();
  /** Fires after a value was saved, for the key editor of the same key. */
  readonly onDidSaveValue = this.saved.event;
  private readonly open = new Map<string, OpenValue>();

  constructor(
    private readonly connections: Connections,
    private readonly limitBytes: () => number,
  ) {}

  /** The document URI of a key's value; its extension tells VS Code the language (JSON or plain text). */
  static uriFor(target: KeyTarget, format: ValueFormat): vscode.Uri {
    const safe = (text: string): string => text.replace(/[\\/]/g, '_').slice(0, 80) || '(empty)';
    const query = new URLSearchParams({ connection: target.connection.id, db: String(target.db), key: target.key.toString('base64') });
    return vscode.Uri.from({
      scheme: STRING_VALUE_SCHEME,
      path: `/${safe(target.connection.name)}/db${target.db}/${safe(formatKeyName(target.key))}${format === 'json' ? '.json' : '.txt'}`,
      query: query.toString(),
    });
  }

  /** Reads the value now (the format decides the document's language); throws when it cannot be edited as text. */
  async prepare(target: KeyTarget): Promise<vscode.Uri> {
    const probe = StringValueFiles.uriFor(target, 'text');
    const value = await this.load(probe, target);
    const uri = StringValueFiles.uriFor(target, value.format);
    // The probe only chose the name; remember the value under the URI the editor opens.
    this.open.delete(probe.toString());
    this.open.set(uri.toString(), value);
    return uri;
  }

  /**
   * A document for a new key's value (New Key… with "in an editor"): it starts empty (or `{}`),
   * and its first save creates the key — SET … NX or JSON.SET … NX, with the TTL chosen — never
   * over a key created meanwhile. Later saves edit it like any value.
   */
  prepareNew(target: KeyTarget, pending: PendingKey): vscode.Uri {
    const format: ValueFormat = pending.type === 'json' ? 'json' : 'text';
    const uri = StringValueFiles.uriFor(target, format);
    const text = Buffer.from(pending.type === 'json' ? '{}\n' : '');
    this.open.set(uri.toString(), { original: Buffer.alloc(0), creating: pending, text, format, compactJson: false, mtime: Date.now(), size: text.length });
    return uri;
  }

  watch(): vscode.Disposable {
    // Values change on the server without events; a save detects that instead (compare-and-set).
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const value = this.open.get(uri.toString()) ?? (await this.load(uri));
    const readOnly = this.connections.isReadOnly(this.targetOf(uri).connection.id);
    return { type: vscode.FileType.File, ctime: 0, mtime: value.mtime, size: value.size, ...(readOnly ? { permissions: vscode.FilePermission.Readonly } : {}) };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const pending = this.open.get(uri.toString());
    if (pending?.creating) return pending.text;
    return (await this.load(uri)).text;
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const target = this.targetOf(uri);
    const value = this.open.get(uri.toString()) ?? (await this.load(uri, target));
    const bytes = parseValueText(Buffer.from(content).toString('utf8'), value.format, value.compactJson);
    const client = await this.connections.client(target);
    try {
      const guard = this.connections.guard(target);
      if (value.creating) {
        const text = Buffer.from(content).toString('utf8');
        await createKey(client, target.key, value.creating.type === 'json' ? { type: 'json', json: text } : { type: 'string', value: bytes }, guard, value.creating.ttlSeconds);
        value.creating.onCreated();
      } else {
        await this.save(client, target.key, bytes, value.original, guard);
      }
    } catch (error) {
      if (error instanceof ReadOnlyError) throw vscode.FileSystemError.NoPermissions(error.message);
      throw error;
    }
    this.open.set(uri.toString(), { ...value, creating: undefined, original: bytes, text: Buffer.from(content), size: content.byteLength, mtime: Date.now() });
    this.saved.fire(target);
  }

  /** SET … KEEPTTL when the server still holds what was opened; otherwise asks before overwriting. */
  private async save(client: RedisClient, key: Buffer, bytes: Buffer, original: Buffer, guard: WriteGuard): Promise<void> {
    try {
      await saveString(client, key, bytes, { original }, guard);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      if (!(await confirmOverwrite(error))) {
        throw new Error('Not saved: the value changed on the server. Use "File: Revert File" to load the server\'s value, or save again to overwrite it.');
      }
      await saveString(client, key, bytes, { original, force: true }, guard);
    }
  }

  readDirectory(): never {
    throw vscode.FileSystemError.NoPermissions('Redis values are single documents.');
  }

  createDirectory(): never {
    throw vscode.FileSystemError.NoPermissions('Redis values are single documents.');
  }

  delete(): never {
    throw vscode.FileSystemError.NoPermissions('Delete the key from the Redis view instead.');
  }

  rename(): never {
    throw vscode.FileSystemError.NoPermissions('Rename the key from the Redis view instead.');
  }

  /** Reads the value from the server and remembers it as what a save compares against. */
  private async load(uri: vscode.Uri, known?: KeyTarget): Promise<OpenValue> {
    const target = known ?? this.targetOf(uri);
    const limit = this.limitBytes();
    const client = await this.connections.client(target);
    let read: StringDocument;
    try {
      read = await readStringDocument(client, target.key, limit);
    } catch (error) {
      if (error instanceof KeyNotFoundError) throw vscode.FileSystemError.FileNotFound(error.message);
      if (error instanceof KeyTypeError) throw vscode.FileSystemError.Unavailable(error.message);
      if (error instanceof StringTooLargeError) throw vscode.FileSystemError.NoPermissions(error.message);
      throw error;
    }
    const previous = this.open.get(uri.toString());
    const text = Buffer.from(read.text, 'utf8');
    const value: OpenValue = {
      original: read.bytes,
      text,
      format: read.format,
      compactJson: read.compactJson,
      // Unchanged on the server: keep the time VS Code knows, so it sees no outside change.
      mtime: previous?.original.equals(read.bytes) ? previous.mtime : Date.now(),
      size: text.length,
    };
    this.open.set(uri.toString(), value);
    return value;
  }

  private targetOf(uri: vscode.Uri): KeyTarget {
    const query = new URLSearchParams(uri.query);
    const connectionId = query.get('connection');
    const key = query.get('key');
    const db = Number(query.get('db'));
    if (!connectionId || key === null || !Number.isInteger(db)) throw vscode.FileSystemError.FileNotFound(uri);
    return { connection: this.connections.require(connectionId), db, key: Buffer.from(key, 'base64') };
  }

  dispose(): void {
    this.changed.dispose();
    this.saved.dispose();
  }
}

async function confirmOverwrite(conflict: ConflictError): Promise<boolean> {
  const overwrite = 'Overwrite';
  // A modal focuses its first button: the safe answer goes first, so Enter never overwrites.
  const answer = await vscode.window.showWarningMessage('The value changed on the server since you opened it. Overwrite?', { modal: true, detail: conflict.message }, 'Keep Editing', overwrite);
  return answer === overwrite;
}
