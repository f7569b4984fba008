// What a finding says about the other calls it names: the GET it pairs a release with, the line that cleans a key up.
import * as assert from 'node:assert/strict';
import { analyze, disposeAnalyzer } from './analyzerHarness';

const messagesOf = async (rule: string, text: string): Promise<string[]> =>
  (await analyze('src/m.ts', text)).findings.filter((f) => f.ruleId === rule).map((f) => f.message);

describe('rule messages name the right other call', () => {
  after(disposeAnalyzer);

  it('unsafe-lock-release pairs a DEL with a GET that runs before it, not one on a branch that returns', async () => {
    const body = (guarded: boolean): string => `import Redis from 'ioredis';
const redis = new Redis();
export async function claim(id: string, owner: string) {
  await redis.set(\`lock:\${id}\`, owner, 'PX', 30000, 'NX');
  ${guarded ? 'if (!owner) { await redis.get(`lock:${id}`); return; }' : 'await redis.get(`lock:${id}`);'}
  await redis.del(\`lock:\${id}\`);
}
`;
    assert.match((await messagesOf('unsafe-lock-release', body(false)))[0] ?? '', /^GET on line 5 then DEL/);
    assert.match((await messagesOf('unsafe-lock-release', body(true)))[0] ?? '', /^A plain DEL releases the lock/);
  });

  it('set-without-ttl names the line that deletes the key elsewhere in the file', async () => {
    const text = `import Redis from 'ioredis';
const redis = new Redis();
export const start = (id: string) => redis.set(\`import:\${id}:token\`, 't');
export const finish = (id: string) => redis.del(\`import:\${id}:token\`);
`;
    assert.match((await messagesOf('set-without-ttl', text))[0] ?? '', /Line 4 deletes such keys, so only a crash in between leaves one behind/);
  });

  it('set-without-ttl reads a literal key as one fixed key, even when a parameter has the same name', async () => {
    const text = `import Redis from 'ioredis';
const redis = new Redis();
export class HeadCache {
  async saveHeaders(headers: string[]) {
    await redis.set('headers', JSON.stringify(headers));
  }
  async saveRow(key: string, row: string) {
    await redis.set(key, row);
  }
}
`;
    const [literal, forwarded] = await messagesOf('set-without-ttl', text);
    assert.match(literal ?? '', /It is one fixed key/);
    assert.match(forwarded ?? '', /This method forwards SET: its callers' keys decide/);
  });
});
