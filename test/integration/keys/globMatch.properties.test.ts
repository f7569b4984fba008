import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { globMatches } from '../../../src/core/redis/keyspace/globMatch';
import { startStandalone, type RedisFixture } from '../../fixtures/redis';
import { int, pick, prng } from '../../unit/core/analysis/prng';

/**
 * The extension's glob matcher is the server's: for random patterns built from every glob
 * metacharacter (`*`, `?`, classes with `^`, ranges either way, escapes, unterminated classes) and
 * random keys over the same bytes, `globMatches` says yes exactly for the keys SCAN MATCH returns.
 */
const PATTERN_PARTS = ['a', 'b', 'c', '-', ']', '^', '*', '**', '?', '[', '[a', '[^', '[a-c]', '[c-a]', '[^b]', '[a-]', '[-a]', '\\', '\\*', '\\[', '[\\]]', '[\\-]', '[b-b]'];
const KEY_BYTES = ['a', 'b', 'c', '-', ']', '[', '^', '*', '?', '\\', 'd'];

describe('glob matching agrees with the server (random patterns, real server)', () => {
  let server: RedisFixture;
  let admin: Redis;
  const rand = prng(0x5eed);
  const keys = new Set<string>(['', 'a', 'b', 'ab', 'abc']);

  before(async () => {
    server = await startStandalone();
    admin = new Redis({ port: server.port });
    while (keys.size < 400) keys.add(Array.from({ length: 1 + int(rand, 5) }, () => pick(rand, KEY_BYTES)).join(''));
    keys.delete('');
    await admin.mset(...[...keys].flatMap((k) => [Buffer.from(k, 'latin1'), '1']));
  });

  after(async () => {
    admin?.disconnect();
    await server?.stop();
  });

  async function serverMatches(pattern: Buffer): Promise<Set<string>> {
    const found = new Set<string>();
    let cursor = '0';
    do {
      const [next, batch] = (await admin.callBuffer('SCAN', cursor, 'MATCH', pattern, 'COUNT', '1000')) as [Buffer, Buffer[]];
      cursor = next.toString();
      for (const key of batch) found.add(key.toString('latin1'));
    } while (cursor !== '0');
    return found;
  }

  it('matches exactly the keys SCAN MATCH returns, for 600 random patterns', async () => {
    const disagreements: string[] = [];
    let matched = 0;
    for (let i = 0; i < 600; i++) {
      const pattern = Buffer.from(Array.from({ length: 1 + int(rand, 5) }, () => pick(rand, PATTERN_PARTS)).join(''), 'latin1');
      const expected = await serverMatches(pattern);
      matched += expected.size;
      for (const key of keys) {
        const ours = globMatches(pattern, Buffer.from(key, 'latin1'));
        if (ours !== expected.has(key)) disagreements.push(`${JSON.stringify(pattern.toString('latin1'))} ~ ${JSON.stringify(key)}: server ${expected.has(key)}, ours ${ours}`);
      }
    }
    assert.deepEqual(disagreements.slice(0, 20), [], `${disagreements.length} disagreements`);
    // The generated patterns match something often enough for the comparison to mean anything.
    assert.ok(matched > 2000, `only ${matched} matches over 600 patterns`);
  });
});
