import * as vscode from 'vscode';
import { Commands } from '../commands';
import { formatKeyName, parseKeyName } from '../core/redis/keyspace/keyName';
import { isJsonModuleLoaded, JSON_MODULE_MISSING_NOTE } from '../core/redis/values/types/jsonValue';
import { createKey, type NewKeyValue } from '../core/redis/values/newKey';
import { KeyExistsError } from '../core/redis/values/valueErrors';
import { MultiStepInput } from '../connections/multiStepInput';
import { pickConnection } from '../connections/pickConnection';
import type { DatabaseScope } from '../explorer/explorerNode';
import { registerCommand } from '../registration';
import type { KeyTarget } from '../core/redis/values/keyTarget';
import { databaseScopeOf } from '../explorer/nodeArguments';
import { validateKeyName } from './prompts';
import { parseTtlInput, ttlInputProblem } from '../core/redis/values/ttlInput';
import type { Connections } from '../connections/connections';
import type { FeatureContext } from '../feature';

export type NewKeyType = NewKeyValue['type'];

/** The answers of "New Key…"; given up front (API, tests), the command asks nothing. */
export interface NewKeyArgs {
  type: NewKeyType;
  /** The name as typed (redis-cli escapes for bytes). */
  name: string;
  /** String value, first hash/stream field, first list element, set or sorted-set member, or JSON text. */
  first: string;
  /** Value of the first hash/stream field, or the member's score. */
  second?: string;
  ttlSeconds?: number;
  /** String or JSON only: write the value in an editor (a `redis-value:` document whose first save creates the key). */
  inEditor?: boolean;
}

const TYPES: { type: NewKeyType; label: string; first: string; second?: string; detail: string }[] = [
  { type: 'string', label: 'String', first: 'Value', detail: 'SET … NX' },
  { type: 'hash', label: 'Hash', first: 'First field', second: 'Its value', detail: 'HSET' },
  { type: 'list', label: 'List', first: 'First element', detail: 'RPUSH' },
  { type: 'set', label: 'Set', first: 'First member', detail: 'SADD' },
  { type: 'zset', label: 'Sorted set', first: 'First member', second: 'Its score', detail: 'ZADD' },
  { type: 'stream', label: 'Stream', first: 'Field of the first entry', second: 'Its value', detail: 'XADD *' },
  { type: 'json', label: 'JSON document', first: 'JSON text', detail: 'JSON.SET (needs the RedisJSON module)' },
];

/** "New Key…" on a database or folder (the name starts with the folder's prefix), or from the palette. */
export function registerNewKeyCommand(context: FeatureContext): void {
  const { connections, keyChanges: changes, keyEditors, log } = context;
  /** Whether each connection's server has RedisJSON, asked once (MODULE LIST, or a probe). */
  const jsonSupport = new Map<string, Promise<boolean>>();
  registerCommand(context, log, Commands.newKey, async (arg?: unknown, args?: NewKeyArgs) => {
    const where = databaseScopeOf(arg) ?? (await pickScope(connections));
    if (!where) return;
    const scope: DatabaseScope = { connection: connections.require(where.scope.connection.id), db: where.scope.db };
    const guard = connections.guard(scope);
    guard('SET');
    const client = await connections.client(scope);
    let hasJson = jsonSupport.get(scope.connection.id);
    if (!hasJson) jsonSupport.set(scope.connection.id, (hasJson = isJsonModuleLoaded(client, where.prefix)));
    const answers = args ?? (await ask(scope, formatKeyName(where.prefix), await hasJson));
    if (!answers) return;
    const key = parseKeyName(answers.name);
    if (answers.type === 'json' && !(await hasJson)) throw new Error(JSON_MODULE_MISSING_NOTE);
    const target: KeyTarget = { ...scope, key };
    if (answers.inEditor && (answers.type === 'string' || answers.type === 'json')) {
      // The key is created by the document's first save, with the TTL chosen here.
      return keyEditors.newString(target, {
        type: answers.type,
        ...(answers.ttlSeconds !== undefined ? { ttlSeconds: answers.ttlSeconds } : {}),
        onCreated: () => {
          log.info(`Created ${answers.type} ${answers.name} on ${scope.connection.name} db${scope.db}`);
          changes.fire(target, { kind: 'created' });
        },
      });
    }
    try {
      await createKey(client, key, valueOf(answers), guard, answers.ttlSeconds);
    } catch (error) {
      if (!(error instanceof KeyExistsError) || args) throw error;
      const open = 'Open It';
      if ((await vscode.window.showErrorMessage(error.message, open)) === open) await vscode.commands.executeCommand(Commands.openKey, target);
      return;
    }
    log.info(`Created ${answers.type} ${answers.name} on ${scope.connection.name} db${scope.db}`);
    changes.fire(target, { kind: 'created' });
    if (!args) await vscode.commands.executeCommand(Commands.openKey, target, { preview: false });
  });
}

function valueOf(answers: NewKeyArgs): NewKeyValue {
  const first = Buffer.from(answers.first, 'utf8');
  const second = Buffer.from(answers.second ?? '', 'utf8');
  switch (answers.type) {
    case 'string':
      return { type: 'string', value: first };
    case 'hash':
      return { type: 'hash', fields: [[first, second]] };
    case 'list':
      return { type: 'list', items: [first] };
    case 'set':
      return { type: 'set', members: [first] };
    case 'zset':
      return { type: 'zset', members: [{ member: first, score: answers.second ?? '0' }] };
    case 'stream':
      return { type: 'stream', fields: [[first, second]] };
    case 'json':
      return { type: 'json', json: answers.first };
  }
}

async function pickScope(connections: Connections): Promise<{ scope: DatabaseScope; prefix: Buffer } | undefined> {
  const connection = await pickConnection(connections.list(), 'New Key');
  return connection && { scope: { connection, db: connection.db }, prefix: Buffer.alloc(0) };
}

/** Type, name, first content (here or in an editor) and TTL, in one multi-step input with Back; only the steps that apply are counted. */
async function ask(scope: DatabaseScope, prefix: string, hasJson: boolean): Promise<NewKeyArgs | undefined> {
  const title = `New Key in db${scope.db} of ${scope.connection.name}`;
  const types = hasJson ? TYPES : TYPES.filter((t) => t.type !== 'json');
  let kind = types[0];
  let name = prefix;
  let inEditor = false;
  let first = '';
  let second = '';
  let ttl = '';
  const textual = (): boolean => kind.type === 'string' || kind.type === 'json';
  const done = await MultiStepInput.run([
    {
      name: 'type',
      run: async (input) => {
        // No `selected`: in a single-choice pick, selecting an item accepts it at once.
        const placeholder = hasJson ? 'Type of the new key' : 'Type of the new key (JSON documents need the RedisJSON module, which this server does not have)';
        [kind] = await input.showPick({ title, placeholder, items: types.map((t) => ({ label: t.label, description: t.detail, value: t })) });
      },
    },
    {
      name: 'name',
      run: async (input) => {
        name = await input.showInput({ title, prompt: 'Key name (bytes as redis-cli writes them: \\xff, \\n, \\\\)', value: name, validate: validateKeyName });
      },
    },
    {
      name: 'entry',
      applies: textual,
      run: async (input) => {
        [inEditor] = await input.showPick({
          title,
          placeholder: `Where to write the ${kind.type === 'json' ? 'document' : 'value'}`,
          items: [
            { label: 'In an editor', description: 'multi-line; saving the document creates the key', value: true },
            { label: 'Here, on one line', description: 'the next step', value: false },
          ],
        });
      },
    },
    {
      name: 'first',
      applies: () => !(textual() && inEditor),
      run: async (input) => {
        first = await input.showInput({
          title,
          prompt: `${kind.first}${kind.type === 'json' ? '' : ' (text)'}`,
          value: first || (kind.type === 'json' ? '{}' : ''),
          validate: (value) => (kind.type === 'json' ? jsonProblem(value) : undefined),
        });
      },
    },
    {
      name: 'second',
      applies: () => kind.second !== undefined,
      run: async (input) => {
        second = await input.showInput({
          title,
          prompt: kind.second ?? '',
          value: second || (kind.type === 'zset' ? '0' : ''),
          validate: (value) => (kind.type === 'zset' && !isScore(value) ? 'A score is a number such as 42 or 1.5, or inf / -inf.' : undefined),
        });
      },
    },
    {
      name: 'ttl',
      run: async (input) => {
        ttl = await input.showInput({ title, prompt: 'Time to live (empty: no expiry). Seconds, or 15m, 2h, 7d.', value: ttl, validate: (value) => (value.trim() === '' ? undefined : ttlInputProblem(value)) });
      },
    },
  ]);
  if (!done) return undefined;
  const editor = textual() && inEditor;
  return { type: kind.type, name, first, ...(kind.second ? { second } : {}), ...(ttl.trim() ? { ttlSeconds: parseTtlInput(ttl) } : {}), ...(editor ? { inEditor: true } : {}) };
}

function isScore(text: string): boolean {
  const trimmed = text.trim();
  return /^[+-]?inf$/i.test(trimmed) || (trimmed !== '' && Number.isFinite(Number(trimmed)));
}

function jsonProblem(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return `Not valid JSON: ${(error as Error).message}`;
  }
}
