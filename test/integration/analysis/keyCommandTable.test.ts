/**
 * The analyzer's key command table (which argument is the key, read or write, the type implied)
 * checked against the test server's own `COMMAND INFO`: every single-key data command whose key is
 * the first argument is in the table, extracted, with the server's access and the type of its category.
 */
import * as assert from 'node:assert/strict';
import Redis from 'ioredis';
import { COMMANDS } from '../../../src/core/analysis/extract/commands';
import { keyCommand } from '../../../src/core/analysis/extract/keyCommands';
import { type RedisFixture, startStandalone } from '../../fixtures/redis';

/** The data-type ACL categories and the Redis type each implies (bitmaps are strings, geo indexes sorted sets). */
const CATEGORY_TYPES: Record<string, string> = {
  '@string': 'string',
  '@bitmap': 'string',
  '@hash': 'hash',
  '@list': 'list',
  '@set': 'set',
  '@sortedset': 'zset',
  '@stream': 'stream',
  '@hyperloglog': 'hyperloglog',
  '@geo': 'zset',
};

interface ServerCommand {
  name: string;
  type: string;
  access: 'read' | 'write';
  keySpecFlags: string[];
}

/** `COMMAND INFO` entries (RESP2): name, arity, flags, first key, last key, step, categories, tips, key specs, subcommands. */
function singleKeyDataCommands(info: unknown[]): ServerCommand[] {
  const out: ServerCommand[] = [];
  for (const entry of info as unknown[][]) {
    const [name, , flags, first, last, , categories, , keySpecs] = entry as [string, number, string[], number, number, number, string[], unknown, unknown[][]];
    const types = new Set(categories.map((c) => CATEGORY_TYPES[c]).filter(Boolean));
    // One data type, one key, and that key is the first argument.
    if (types.size !== 1 || first !== 1 || last !== 1 || keySpecs.length !== 1) continue;
    const spec = keySpecs[0];
    const at = spec.findIndex((field, i) => i % 2 === 0 && field === 'flags');
    out.push({ name, type: [...types][0], access: flags.includes('write') ? 'write' : 'read', keySpecFlags: at === -1 ? [] : (spec[at + 1] as string[]).map((f) => f.toUpperCase()) });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

describe('key command table against COMMAND INFO (fixture server)', () => {
  let server: RedisFixture;
  let commands: ServerCommand[];
  before(async () => {
    server = await startStandalone();
    const client = new Redis({ port: server.port });
    try {
      commands = singleKeyDataCommands((await client.call('COMMAND', 'INFO')) as unknown[]);
    } finally {
      client.disconnect();
    }
  });
  after(() => server.stop());

  it('finds the data commands of the server (the filter is not empty by mistake)', () => {
    assert.ok(commands.length > 80, `${commands.length} commands`);
    for (const name of ['get', 'hset', 'spop', 'linsert', 'xrevrange', 'geoadd']) assert.ok(commands.some((c) => c.name === name), name);
  });

  it('every single-key data command is in the table, extracted, with the server’s access and its category’s type', () => {
    const wrong: string[] = [];
    for (const c of commands) {
      const entry = keyCommand(c.name);
      const got = entry ? `${entry.access} ${entry.type} ${entry.keys}` : 'missing';
      if (got !== `${c.access} ${c.type} first`) wrong.push(`${c.name}: server says ${c.access} ${c.type}, table has ${got}`);
      if (!COMMANDS.has(c.name)) wrong.push(`${c.name}: not extracted`);
    }
    assert.deepEqual(wrong, []);
  });

  it('a write whose key spec only deletes (SPOP, HDEL, LTRIM) never counts as creating the key', () => {
    const removals = commands.filter((c) => c.keySpecFlags.includes('DELETE') && !c.keySpecFlags.includes('INSERT') && !c.keySpecFlags.includes('OW'));
    assert.ok(removals.length > 10, `${removals.length} removals`);
    assert.deepEqual(
      removals.filter((c) => keyCommand(c.name)?.creates !== false).map((c) => c.name),
      [],
    );
  });
});
