import * as assert from 'node:assert/strict';
import { Analyzer, wasmLocationFromNodeModules } from '../../../../src/core/analysis';
import { pathNamesRedis } from '../../../../src/core/analysis/engine/documentScope';

const SOURCE = `
export class Newsletter {
  constructor(private readonly producer: StreamProducer, private readonly store: Store) {}

  async send(issue: { id: string }, readers: string[]) {
    for (const reader of readers) {
      await this.producer.publish('newsletters', { id: issue.id, reader });
    }
    await this.store.hset('issue:' + issue.id, 'sent', '1');
    await this.store.expire('issue:' + issue.id, 60);
  }
}
`;

describe('a path that names Redis', () => {
  it('is read from the file name and the folders just above it', () => {
    assert.equal(pathNamesRedis('src/stores/redis.js'), true);
    assert.equal(pathNamesRedis('packages/redis/src/lib/channel.ts'), true);
    assert.equal(pathNamesRedis('src/cache/RedisCache.ts'), true);
    assert.equal(pathNamesRedis('/home/me/nestjs-redisx/apps/demo/src/plugins/streams/newsletter.ts'), false);
    assert.equal(pathNamesRedis('C:\\work\\redis-tools\\packages\\app\\src\\jobs\\send.ts'), false);
  });

  it('does not change the findings with the folder a project was cloned into', async () => {
    const analyzer = new Analyzer({ wasm: wasmLocationFromNodeModules() });
    try {
      const inRedisClone = await analyzer.analyzeText('/home/me/acme-redisx/apps/demo/src/plugins/streams/newsletter.ts', SOURCE);
      const elsewhere = await analyzer.analyzeText('/home/me/acme-shop/apps/demo/src/plugins/streams/newsletter.ts', SOURCE);
      const summary = (r: typeof elsewhere): string[] => r.findings.map((f) => `${f.ruleId}@${f.range.start.line}`);
      assert.deepEqual(summary(inRedisClone), summary(elsewhere));
      // Where the file's own folder says Redis, a receiver sending Redis commands is a likely client.
      const redisFolder = await analyzer.analyzeText('/home/me/acme-shop/src/redis/newsletter.ts', SOURCE);
      assert.ok(redisFolder.findings.length > elsewhere.findings.length, JSON.stringify(summary(redisFolder)));
    } finally {
      analyzer.dispose();
    }
  });
});
