import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { mentionsSecret, SECRET_WORDS } from '../../../src/core/terminal/secretLines';
import { startStandalone, type RedisFixture } from '../../fixtures/redis';
import { configFor } from '../keys/connectionConfigs';
import { RecordedSession } from './cliHarness';

/** Lines that reach every password-like argument of COMMAND DOCS: the command, the tokens on the way, a password. */
function passwordLines(reply: unknown, parent: string[] = []): string[] {
  const lines: string[] = [];
  const fieldsOf = (value: unknown): Map<string, unknown> => {
    const items = Array.isArray(value) ? value : [];
    const out = new Map<string, unknown>();
    for (let i = 0; i + 1 < items.length; i += 2) out.set(String(items[i]), items[i + 1]);
    return out;
  };
  const items = reply as unknown[];
  for (let i = 0; i + 1 < items.length; i += 2) {
    const words = [...parent, String(items[i]).split('|').pop() ?? ''];
    const fields = fieldsOf(items[i + 1]);
    const visit = (args: unknown, path: string[]): void => {
      for (const arg of Array.isArray(args) ? args : []) {
        const argFields = fieldsOf(arg);
        const here = argFields.has('token') ? [...path, String(argFields.get('token'))] : path;
        if (/pass/i.test(String(argFields.get('name')))) lines.push([...here, 'pw'].join(' '));
        visit(argFields.get('arguments'), here);
      }
    };
    visit(fields.get('arguments'), words);
    if (fields.has('subcommands')) lines.push(...passwordLines(fields.get('subcommands'), words));
  }
  return lines;
}

describe('CLI history and secrets (fixture server)', () => {
  let server: RedisFixture;
  let admin: Redis;
  before(async () => {
    server = await startStandalone();
    admin = new Redis({ port: server.port });
  });
  after(async () => {
    admin.disconnect();
    await server.stop();
  });

  it("keeps out a line reaching every password argument of the server's COMMAND DOCS, with our own list alone", async () => {
    const lines = passwordLines(await admin.call('COMMAND', 'DOCS'));
    assert.ok(lines.length >= 4, lines.join(' / '));
    for (const line of lines) assert.equal(mentionsSecret(line, SECRET_WORDS), true, line);
  });

  it('records none of a session full of secrets, parsed or not', async () => {
    const session = await new RecordedSession(configFor(server), {}, { confirmDangerous: false }).start();
    try {
      const secrets = [
        'auth "unterminated',
        'AUTH nobody wrong-pass',
        'hello 3 AUTH default wrong-pass',
        'config set maxmemory 0 requirepass ""',
        'config set tls-key-file-pass s3cret',
        'acl setuser temp on >hunter2 ~* +@all',
        'acl whoami',
        'migrate 127.0.0.1 1 k 0 10 AUTH2 u hunter3',
        '2 auth hunter4',
      ];
      for (const line of ['set a 1', ...secrets, 'get a']) await session.run(line);
      assert.deepEqual(session.session.historyEntries, ['set a 1', 'acl whoami', 'get a']);
    } finally {
      session.close();
    }
  });
});
