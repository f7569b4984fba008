import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { allowAllWrites as ok } from '../../../src/core/redis/safety/writeGuard';
import { isJsonModuleLoaded, JSON_MODULE_MISSING_NOTE, readJsonDocument, setJsonDocument } from '../../../src/core/redis/values/types/jsonValue';
import { startStandalone, type RedisFixture } from '../../fixtures/redis';
import { configFor } from '../keys/connectionConfigs';

/**
 * JSON documents on a server without the RedisJSON module (the fallback path): reading says the
 * module is missing rather than failing, the module check answers no whether MODULE LIST is allowed
 * or denied, and a write asks the guard, refuses text that is not JSON before sending anything, and
 * otherwise fails with the server's own error, leaving the key untouched.
 */
describe('JSON documents without the RedisJSON module (properties, real server)', () => {
  let server: RedisFixture;
  let client: RedisClient;
  let noModuleList: RedisClient;
  let admin: Redis;
  const key = Buffer.from('j:doc');
  const ready = async (c: RedisClient): Promise<void> => {
    if (c.status !== 'ready') await new Promise((resolve) => c.once('ready', resolve));
  };
  before(async () => {
    server = await startStandalone({ users: [{ name: 'nomodule', password: 'pw', rules: '~* &* +@all -module' }] });
    client = createRedisClient(configFor(server), {});
    noModuleList = createRedisClient(configFor(server, { username: 'nomodule' }), { password: 'pw' });
    admin = new Redis({ port: server.port });
    await Promise.all([ready(client), ready(noModuleList)]);
  });
  after(async () => {
    client?.disconnect();
    noModuleList?.disconnect();
    admin?.disconnect();
    await server?.stop();
  });

  it('reading gives the note, and the module check answers no with or without MODULE LIST', async () => {
    assert.deepEqual(await readJsonDocument(client, key), { kind: 'module-missing', note: JSON_MODULE_MISSING_NOTE });
    assert.equal(await isJsonModuleLoaded(client, key), false);
    await assert.rejects(noModuleList.call('MODULE', 'LIST'), /NOPERM/);
    assert.equal(await isJsonModuleLoaded(noModuleList, key), false);
  });

  it('a write asks the guard first, refuses text that is not JSON before sending, and otherwise fails with the server’s error', async () => {
    const asked: string[] = [];
    await assert.rejects(
      setJsonDocument(client, key, '{}', (command) => {
        asked.push(command);
        throw new Error(`refused ${command}`);
      }),
      /refused JSON\.SET/,
    );
    assert.deepEqual(asked, ['JSON.SET']);
    await assert.rejects(setJsonDocument(client, key, '{"a": ', ok), SyntaxError);
    await assert.rejects(setJsonDocument(client, key, '{"a": 1}', ok), /unknown command/i);
    await assert.rejects(setJsonDocument(client, key, '[1]', ok, true), /unknown command/i);
    assert.equal(await admin.exists('j:doc'), 0);
  });
});
