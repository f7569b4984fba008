import * as vscode from 'vscode';
import { formatKeyName } from '../core/redis/keyspace/keyName';
import type { KeyTarget } from '../core/redis/values/keyTarget';

/** The scheme of key editor tabs: VS Code keeps (and restores after a reload) custom editors by URI. */
export const KEY_EDITOR_SCHEME = 'redis-key';

/** What a `redis-key:` URI names: the connection by id, the database and the key's exact bytes. */
export interface KeyEditorRef {
  connectionId: string;
  db: number;
  key: Buffer;
}

/**
 * `redis-key:/<connection> · db<n>/<key as shown>?connection=<id>&db=<n>&key=<base64url>`. The
 * tab shows the path's last segment (the key name, with `/` drawn as `∕` so it stays one segment)
 * and its folder (connection and database); the query holds the identity, so one key always
 * gets the same URI and opening it again finds its tab.
 */
export function keyEditorUri(target: KeyTarget): vscode.Uri {
  const label = (formatKeyName(target.key) || '(empty name)').replace(/\//g, '\u2215');
  const folder = `${target.connection.name} · db${target.db}`.replace(/\//g, '\u2215');
  const query = new URLSearchParams({ connection: target.connection.id, db: String(target.db), key: target.key.toString('base64url') });
  return vscode.Uri.from({ scheme: KEY_EDITOR_SCHEME, path: `/${folder}/${label}`, query: query.toString() });
}

/** The key a `redis-key:` URI names, or undefined when the URI is not one of ours. */
export function keyEditorRefOf(uri: vscode.Uri): KeyEditorRef | undefined {
  if (uri.scheme !== KEY_EDITOR_SCHEME) return undefined;
  const query = new URLSearchParams(uri.query);
  const connectionId = query.get('connection');
  const db = Number(query.get('db'));
  const key = query.get('key');
  if (!connectionId || !Number.isSafeInteger(db) || db < 0 || key === null) return undefined;
  return { connectionId, db, key: Buffer.from(key, 'base64url') };
}
