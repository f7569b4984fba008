import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { deleteMatchingKeys } from '../../../src/core/redis/keyspace/bulkDelete';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { CommandSafety } from '../../../src/core/redis/safety/commandSafety';
import { fetchKeyMetadata } from '../../../src/core/redis/keyspace/keyMetadata';
import { clipboardValue } from '../../../src/core/redis/values/copyValue';
import { readValueView } from '../../../src/core/redis/values/valueReader';
import { ValuePager } from '../../../src/core/redis/values/valuePager';
import { deleteHashFields, setHashField } from '../../../src/core/redis/values/types/hashValue';
import { setJsonDocument } from '../../../src/core/redis/values/types/jsonValue';
import { deleteKeys, duplicateKey, persistKey, renameKey, setKeyTtl } from '../../../src/core/redis/values/keyOperations';
import { pushListElements, removeListElementAt, removeListValue, setListElement } from '../../../src/core/redis/values/types/listValue';
import { createKey } from '../../../src/core/redis/values/newKey';
import { addSetMembers, removeSetMembers } from '../../../src/core/redis/values/types/setValue';
import { addStreamEntry, deleteStreamEntries } from '../../../src/core/redis/values/types/streamValue';
import { saveString } from '../../../src/core/redis/values/types/stringValue';
import { removeZsetMembers, setZsetMember } from '../../../src/core/redis/values/types/zsetValue';
import { ReadOnlyError, writeGuardFor } from '../../../src/core/redis/safety/writeGuard';
import { startStandalone, type RedisFixture } from '../../fixtures/redis';
import { configFor } from '../keys/connectionConfigs';

describe('read-only connections refuse every write path (standalone fixture)', () => {
  let server: RedisFixture;
  let client: RedisClient;
  let admin: Redis;
  const guard = writeGuardFor(true, 'production');
  const key = Buffer.from([0xff, 0x00, 0x6b]);
  const b = (text: string): Buffer => Buffer.from(text);
  before(async () => {
    server = await startStandalone();
    client = createRedisClient(configFor(server, { readOnly: true }), {});
    admin = new Redis({ port: server.port });
    await admin.set(key, 'v', 'EX', 1000);
    await admin.hset('h', 'f', 'v');
    await admin.rpush('l', 'a', 'b');
    await admin.sadd('s', 'a');
    await admin.zadd('z', 1, 'a');
    await admin.xadd('x', '1-0', 'f', 'v');
  });
  after(async () => {
    client.disconnect();
    admin.disconnect();
    await server.stop();
  });

  const writes: [string, () => Promise<unknown>][] = [
    ['saveString', () => saveString(client, key, b('x'), { original: b('v') }, guard)],
    ['saveString (forced)', () => saveString(client, key, b('x'), { original: null, force: true }, guard)],
    ['setHashField', () => setHashField(client, b('h'), b('f'), b('x'), guard)],
    ['deleteHashFields', () => deleteHashFields(client, b('h'), [b('f')], guard)],
    ['setListElement', () => setListElement(client, b('l'), 0, b('x'), guard, '')],
    ['pushListElements', () => pushListElements(client, b('l'), [b('x')], 'tail', guard)],
    ['removeListValue', () => removeListValue(client, b('l'), b('a'), guard)],
    ['removeListElementAt', () => removeListElementAt(client, b('l'), 0, guard)],
    ['addSetMembers', () => addSetMembers(client, b('s'), [b('x')], guard)],
    ['removeSetMembers', () => removeSetMembers(client, b('s'), [b('a')], guard)],
    ['setZsetMember', () => setZsetMember(client, b('z'), b('a'), 9, guard)],
    ['removeZsetMembers', () => removeZsetMembers(client, b('z'), [b('a')], guard)],
    ['addStreamEntry', () => addStreamEntry(client, b('x'), [[b('f'), b('v')]], guard)],
    ['deleteStreamEntries', () => deleteStreamEntries(client, b('x'), ['1-0'], guard)],
    ['setJsonDocument', () => setJsonDocument(client, b('j'), '{}', guard)],
    ['renameKey', () => renameKey(client, key, b('other'), guard)],
    ['renameKey (overwrite)', () => renameKey(client, key, b('h'), guard, true)],
    ['deleteKeys', () => deleteKeys(client, [key], guard)],
    ['setKeyTtl', () => setKeyTtl(client, key, { seconds: 5 }, guard)],
    ['persistKey', () => persistKey(client, key, guard)],
    ['duplicateKey', () => duplicateKey(client, key, b('copy'), guard)],
    ['createKey', () => createKey(client, b('new'), { type: 'string', value: b('v') }, guard, 60)],
    ['deleteMatchingKeys', () => deleteMatchingKeys(client, '*', guard)],
  ];

  for (const [name, write] of writes) {
    it(`${name} throws ReadOnlyError and changes nothing`, async () => {
      const before = await admin.call('DEBUG', 'DIGEST');
      const error = await write().catch((e: unknown) => e);
      assert.ok(error instanceof ReadOnlyError, `${name} threw ${String(error)}`);
      assert.match(error.message, /Connection "production" is read-only/);
      assert.equal(await admin.call('DEBUG', 'DIGEST'), before);
    });
  }

  it('sends nothing the read-only policy refuses (the table of docs/read-only-commands.md), reads included', async () => {
    await admin.pfadd('hll', 'a', 'b');
    const safety = new CommandSafety(async (names) => (await admin.call('COMMAND', 'INFO', ...names)) as unknown[]);
    const monitor = await admin.monitor();
    const seen: string[][] = [];
    monitor.on('monitor', (_time: string, args: string[]) => seen.push(args));
    try {
      for (const [, write] of writes) await write().catch(() => undefined);
      // What the key editor and Copy Value read, for every kind.
      for (const name of [key, b('h'), b('l'), b('s'), b('z'), b('x'), b('hll')]) {
        await readValueView(client, name, new ValuePager(200, 1024 * 1024));
        await clipboardValue(client, name, { stringBytes: 1024 * 1024, pageSize: 200 });
      }
      await fetchKeyMetadata(client, [key, b('h'), b('hll')]);
      // MONITOR shows a command once it ran; a last PING marks the end of this client's commands.
      await client.call('PING', 'end-of-test');
      for (let i = 0; i < 100 && !seen.some((args) => args[1] === 'end-of-test'); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      monitor.disconnect();
    }
    assert.ok(seen.length > 10, `MONITOR saw only ${seen.length} commands`);
    for (const args of seen) {
      const verdict = await safety.check(true, args);
      assert.equal(verdict.allowed, true, `${args.join(' ')} reached the server: ${verdict.basis}`);
    }
  });
});

