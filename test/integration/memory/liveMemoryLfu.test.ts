import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { activityReadsFor } from '../../../src/core/memory/live/activityReads';
import { analyzeLiveMemory } from '../../../src/core/memory/live/liveMemoryAnalysis';
import { startStandalone, stopAll, type RedisFixture } from '../../fixtures/redis';

/**
 * Under an LFU policy the analysis reads OBJECT FREQ (OBJECT IDLETIME is refused there) before
 * the element counts. With lfu-log-factor 0 every access adds exactly 1 to a key's counter and
 * lfu-decay-time 0 stops the decay, so the counters are exact and the test can see whether the
 * counts touched the keys: on a server without CLIENT NO-TOUCH (before 7.2, as decided from INFO's
 * version) STRLEN adds one access to each detailed key; with it, none.
 */
describe('live memory analysis under an LFU eviction policy', function () {
  this.timeout(60_000);
  let server: RedisFixture;
  let redis: Redis;

  before(async () => {
    server = await startStandalone({ args: ['--maxmemory-policy', 'allkeys-lfu', '--lfu-log-factor', '0', '--lfu-decay-time', '0'] });
    redis = new Redis({ host: server.host, port: server.port });
    const p = redis.pipeline();
    for (let i = 0; i < 50; i++) p.set(`item:${i}`, `value ${i}`);
    await p.exec();
    const reads = redis.pipeline();
    for (let i = 0; i < 120; i++) reads.get('item:7');
    for (let i = 0; i < 40; i++) reads.get('item:3');
    await reads.exec();
  });
  after(async () => {
    redis?.disconnect();
    await stopAll();
  });

  it('reads OBJECT FREQ, ranks the hot keys by it, and touches keys only where the version lacks NO-TOUCH', async () => {
    const freq = async (key: string): Promise<number> => Number(await redis.object('FREQ', key));
    const truth = { hot: await freq('item:7'), warm: await freq('item:3'), cold: await freq('item:0') };
    assert.ok(truth.hot > truth.warm && truth.warm > truth.cold, JSON.stringify(truth));
    const analysis = await analyzeLiveMemory(redis, { budget: null, top: 100 });
    const { report } = analysis;
    assert.equal(report.totalKeys, 50);
    assert.equal(report.idleKeys.length, 0, 'no idle times under LFU');
    assert.deepEqual(report.hotKeys.slice(0, 2).map((k) => [k.key, k.lfuFreq]), [['item:7', truth.hot], ['item:3', truth.warm]]);
    assert.equal(report.hotKeys.find((k) => k.key === 'item:0')?.lfuFreq, truth.cold);

    const decided = activityReadsFor(analysis.profiles);
    assert.equal(decided.activity, 'freq');
    const version = analysis.profiles[0].version;
    assert.equal(decided.noTouch, Number(version.split('.')[0]) * 100 + Number(version.split('.')[1]) >= 702, version);
    // STRLEN counted one access per detailed key, unless CLIENT NO-TOUCH was on.
    assert.equal(await freq('item:7'), truth.hot + (decided.noTouch ? 0 : 1));
    assert.equal(report.notes.some((n) => /no CLIENT NO-TOUCH \(7\.2\+\)/.test(n)), !decided.noTouch, report.notes.join('\n'));
  });
});
