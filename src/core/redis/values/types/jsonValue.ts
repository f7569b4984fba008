import type { RedisClient } from '../../connection/clientFactory';
import { callOnKeyNode, nodeForKey } from '../../cluster/clusterRouting';
import type { WriteGuard } from '../../safety/writeGuard';
import { asBuffer, asText } from '../replies';
import { isReplyError } from '../valueErrors';
import type { ValueKind } from '../valueKind';
import { reformatJson } from '../valueText';

/** The RedisJSON module's key type, as TYPE reports it. */
export const REJSON_TYPE = 'ReJSON-RL';

export type JsonDocument =
  | { kind: 'json'; text: string }
  /** The server has no JSON.GET: the viewer shows this note instead of failing. */
  | { kind: 'module-missing'; note: string };

export const JSON_MODULE_MISSING_NOTE =
  'The RedisJSON module is not loaded on this server, so JSON documents cannot be read or written here. ' +
  'Load it (redis-stack-server, or `loadmodule …/rejson.so` in redis.conf) or use a server that has it.';

/**
 * A RedisJSON document, pretty-printed without losing number precision. JSON.GET is sent to the
 * node owning the key (module commands carry no key position ioredis knows about).
 */
export async function readJsonDocument(client: RedisClient, key: Buffer): Promise<JsonDocument> {
  try {
    const raw = asText(await callOnKeyNode(client, key, 'JSON.GET', key), 'JSON.GET');
    return { kind: 'json', text: reformatJson(raw, 2) };
  } catch (error) {
    if (isUnknownCommand(error)) return { kind: 'module-missing', note: JSON_MODULE_MISSING_NOTE };
    throw error;
  }
}

/** Whether JSON.* commands exist: MODULE LIST when allowed, else a probe with a harmless JSON.GET. */
export async function isJsonModuleLoaded(client: RedisClient, probeKey: Buffer): Promise<boolean> {
  const node = await nodeForKey(client, probeKey);
  try {
    const modules = (await node.call('MODULE', 'LIST')) as unknown[];
    return JSON.stringify(modules).toLowerCase().includes('"rejson"');
  } catch {
    try {
      await node.callBuffer('JSON.GET', probeKey);
      return true;
    } catch (error) {
      return !isUnknownCommand(error);
    }
  }
}

/** JSON.SET key $ value (NX when `onlyIfNew`); the text must be valid JSON. */
export async function setJsonDocument(client: RedisClient, key: Buffer, json: string, guard: WriteGuard, onlyIfNew = false): Promise<boolean> {
  guard('JSON.SET');
  JSON.parse(json);
  const reply = await callOnKeyNode(client, key, 'JSON.SET', key, '$', json, ...(onlyIfNew ? ['NX'] : []));
  return reply !== null && asBuffer(reply, 'JSON.SET').toString() === 'OK';
}

function isUnknownCommand(error: unknown): boolean {
  return isReplyError(error, 'ERR unknown command');
}

/** RedisJSON documents: read whole with JSON.GET (pretty-printed) and shown, or a note when the module is missing. */
export const JSON_KIND: ValueKind<typeof REJSON_TYPE> = {
  type: REJSON_TYPE,
  pageSize: () => Number.POSITIVE_INFINITY,
  async readPage({ client, key, pager }) {
    const document = await readJsonDocument(client, key);
    pager.recordUnpaged();
    return { kind: 'json', ...(document.kind === 'json' ? { text: document.text } : { note: document.note }) };
  },
  async clipboardText({ client, key }) {
    const document = await readJsonDocument(client, key);
    if (document.kind !== 'json') throw new Error(document.note);
    return { text: document.text };
  },
  edits: {},
  creatingEdits: [],
};
