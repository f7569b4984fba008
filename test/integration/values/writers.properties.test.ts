import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { readString, saveString } from '../../../src/core/redis/values/types/stringValue';
import { ConflictError } from '../../../src/core/redis/values/valueErrors';
import { allowAllWrites as ok, ReadOnlyError, writeGuardFor } from '../../../src/core/redis/safety/writeGuard';
import { startStandalone, type RedisFixture } from '../../fixtures/redis';
import { configFor } from '../keys/connectionConfigs';

/**
 * The string save has two paths: one compare-and-set script, and — when the ACL denies scripting —
 * a compare, then a write. Stated as a property: for every situation the editor can meet (the value
 * unchanged, changed, deleted, created meanwhile, of another type; with and without a TTL; forced
 * or not), both paths give the same outcome, leave the same value and keep the TTL.
 */

type Situation = { name: string; opened: string | null; server: (admin: Redis, key: string) => Promise<unknown>; outcome: 'ok' | ConflictError['reason'] };

const SITUATIONS: Situation[] = [
  { name: 'unchanged', opened: 'v1', server: (a, k) => a.set(k, 'v1', 'PX', 900_000), outcome: 'ok' },
  { name: 'unchanged, no TTL', opened: 'v1', server: (a, k) => a.set(k, 'v1'), outcome: 'ok' },
  { name: 'changed on the server', opened: 'v1', server: (a, k) => a.set(k, 'other', 'PX', 900_000), outcome: 'changed' },
  { name: 'changed by one byte', opened: 'v1', server: (a, k) => a.set(k, 'v2'), outcome: 'changed' },
  { name: 'deleted', opened: 'v1', server: () => Promise.resolve(), outcome: 'deleted' },
  { name: 'now a list', opened: 'v1', server: (a, k) => a.rpush(k, 'v1'), outcome: 'type' },
  { name: 'new key, still absent', opened: null, server: () => Promise.resolve(), outcome: 'ok' },
  { name: 'new key, created meanwhile', opened: null, server: (a, k) => a.set(k, 'theirs'), outcome: 'created' },
];

async function state(admin: Redis, key: string): Promise<{ type: string; value: string | null; hasTtl: boolean }> {
  const type = await admin.type(key);
  const pttl = await admin.pttl(key);
  return { type, value: type === 'string' ? await admin.get(key) : null, hasTtl: pttl > 0 };
}

describe('string save: the script and its fallback without scripting agree (properties, real server)', () => {
  let server: RedisFixture;
  let scripting: RedisClient;
  let noScripting: RedisClient;
  let admin: Redis;
  before(async () => {
    server = await startStandalone({ users: [{ name: 'noscript', password: 'pw', rules: '~* &* +@all -@scripting' }] });
    scripting = createRedisClient(configFor(server), {});
    noScripting = createRedisClient(configFor(server, { username: 'noscript' }), { password: 'pw' });
    admin = new Redis({ port: server.port });
  });
  beforeEach(() => admin.flushall());
  after(async () => {
    scripting?.disconnect();
    noScripting?.disconnect();
    admin?.disconnect();
    await server?.stop();
  });

  it('the restricted user really cannot run scripts (so its saves take the fallback)', async () => {
    await assert.rejects(noScripting.eval('return 1', 0), /NOPERM/);
  });

  for (const situation of SITUATIONS) {
    for (const force of [false, true]) {
      it(`${situation.name}${force ? ', forced' : ''}: same outcome, value and TTL with and without scripting`, async () => {
        const results = [];
        for (const [path, client] of [['script', scripting], ['fallback', noScripting]] as const) {
          const key = `s:${path}`;
          await situation.server(admin, key);
          const hadTtl = (await admin.pttl(key)) > 0;
          const outcome = await saveString(client, Buffer.from(key), Buffer.from('mine'), { original: situation.opened === null ? null : Buffer.from(situation.opened), force }, ok).then(
            () => 'ok',
            (error: unknown) => {
              if (error instanceof ConflictError) return error.reason;
              throw error;
            },
          );
          const after = await state(admin, key);
          results.push({ path, outcome, after, hadTtl });
        }
        const [script, fallback] = results;
        // Forced (the user chose to overwrite after a conflict): SET whatever the server holds.
        assert.equal(script.outcome, force ? 'ok' : situation.outcome, 'the script decides as the table says');
        assert.deepEqual({ outcome: fallback.outcome, after: fallback.after }, { outcome: script.outcome, after: script.after }, 'the fallback agrees with the script');
        if (script.outcome === 'ok') {
          assert.equal(script.after.value, 'mine', 'written');
          assert.equal(script.after.hasTtl, script.hadTtl, 'the TTL is kept, never added');
        } else {
          assert.notEqual(script.after.value, 'mine', 'nothing written on a conflict');
        }
      });
    }
  }

  it('a saved value reads back byte for byte on both paths, and a read-only guard refuses before anything is read', async () => {
    const bytes = Buffer.from([0x00, 0xff, 0x0a, 0x22, 0x5c]);
    for (const client of [scripting, noScripting]) {
      await admin.set('bin', 'x');
      await saveString(client, Buffer.from('bin'), bytes, { original: Buffer.from('x') }, ok);
      assert.ok((await readString(client, Buffer.from('bin'))).bytes.equals(bytes));
      await assert.rejects(saveString(client, Buffer.from('bin'), Buffer.from('no'), { original: bytes }, writeGuardFor(true, 'Prod')), ReadOnlyError);
      assert.ok((await admin.getBuffer('bin'))?.equals(bytes));
    }
  });
});
