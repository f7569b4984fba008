import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { runPatternsCli } from '../../../src/commandLine/patterns/runPatternsCli';
import { freePort, startSentinel, type Endpoint, type SentinelFixture } from '../../fixtures/redis';
import { adminCommand, describeEndpoint, parseInfo } from '../../fixtures/redis/admin';
import { waitForSentinelsToFlagDown } from '../../fixtures/redis/nodeDown';
import { runMemory } from './memoryCliRun';

/**
 * `memory` and `patterns` on a Sentinel-managed master (`--sentinel … --master-name …` and
 * `redis+sentinel://` URLs), with `--replica` reading the replica Sentinel names. INFO
 * commandstats on each data node says which one the SCANs reached.
 */

const SEEDED = 420;

async function scanCalls(node: Endpoint): Promise<number> {
  const stats = parseInfo(await adminCommand(node, ['INFO', 'commandstats']));
  return Number(/calls=(\d+)/.exec(stats.cmdstat_scan ?? '')?.[1] ?? 0);
}

async function runPatterns(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runPatternsCli(argv, { cwd: process.cwd(), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('memory and patterns CLI on a Sentinel-managed master (--sentinel, redis+sentinel://, --replica)', function () {
  this.timeout(120_000);
  let fixture: SentinelFixture;
  let sentinelList: string;

  before(async () => {
    fixture = await startSentinel();
    sentinelList = fixture.sentinels.map(describeEndpoint).join(',');
    const writer = new Redis({ host: fixture.master.host, port: fixture.master.port });
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < SEEDED; i++) writes.push(i % 3 === 0 ? writer.hset(`cart:${i}`, { n: String(i) }) : writer.set(`session:${i}`, 'v', 'EX', 3600));
    await Promise.all(writes);
    assert.equal(await writer.call('WAIT', '1', '2000'), 1, 'the replica acknowledged the seed');
    writer.disconnect();
  });
  after(async () => {
    await fixture?.stop();
  });
  beforeEach(async () => {
    for (const node of [fixture.master, fixture.replica]) await adminCommand(node, ['CONFIG', 'RESETSTAT']).catch(() => undefined);
  });

  it('--sentinel … --master-name reads the master: as many keys as DBSIZE there, the report names the Sentinel URL', async () => {
    const dbsize = Number(await adminCommand(fixture.master, ['DBSIZE']));
    assert.equal(dbsize, SEEDED);
    const out = await runMemory(['--sentinel', sentinelList, '--master-name', fixture.masterName, '--format', 'json']);
    assert.equal(out.code, 0, out.stderr);
    const report = JSON.parse(out.stdout) as { totalKeys: number; source: Record<string, unknown> };
    assert.equal(report.totalKeys, dbsize);
    assert.equal(report.source.mode, 'sentinel');
    assert.equal(report.source.url, `redis+sentinel://${sentinelList}/${fixture.masterName}`);
    assert.equal(report.source.readFrom, undefined);
    assert.ok((await scanCalls(fixture.master)) > 0, 'SCAN ran on the master');
    assert.equal(await scanCalls(fixture.replica), 0, 'no SCAN on the replica');
  });

  it('--replica reads the replica Sentinel names (SCAN there, none on the master) and says so on stderr', async () => {
    const out = await runMemory(['--sentinel', describeEndpoint(fixture.sentinels[1]), '--master-name', fixture.masterName, '--replica', '--format', 'json']);
    assert.equal(out.code, 0, out.stderr);
    const report = JSON.parse(out.stdout) as { totalKeys: number; source: Record<string, unknown> };
    assert.equal(report.totalKeys, SEEDED);
    assert.ok(out.stderr.includes(`Read from replica ${describeEndpoint(fixture.replica)}.\n`), out.stderr);
    assert.equal(report.source.readFrom, `Read from replica ${describeEndpoint(fixture.replica)}.`);
    assert.ok((await scanCalls(fixture.replica)) > 0, 'SCAN ran on the replica');
    assert.equal(await scanCalls(fixture.master), 0, 'no SCAN on the master');
  });

  it('patterns --redis redis+sentinel://…/NAME --replica counts every key on the replica', async () => {
    const out = await runPatterns(['--redis', `redis+sentinel://${sentinelList}/${fixture.masterName}/0`, '--replica', '--format', 'json']);
    assert.equal(out.code, 0, out.stderr);
    const patterns = (JSON.parse(out.stdout) as { patterns: { pattern: string; keys: number }[] }).patterns;
    assert.equal(patterns.reduce((sum, p) => sum + p.keys, 0), SEEDED);
    assert.match(out.stderr, new RegExp(`^Read from replica ${describeEndpoint(fixture.replica)}\\.$`, 'm'));
    assert.ok((await scanCalls(fixture.replica)) > 0, 'SCAN ran on the replica');
    assert.equal(await scanCalls(fixture.master), 0, 'no SCAN on the master');
  });

  it('a wrong master name and unreachable sentinels: one clear sentence, exit 2', async () => {
    const wrong = await runMemory(['--sentinel', sentinelList, '--master-name', 'nope']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /^Cannot connect to redis\+sentinel:\/\/\S+\/nope: The Sentinels do not know a master named "nope" \(.*\)\. Check the master group name, as in "sentinel monitor <name> …"\.\n$/);
    assert.equal(wrong.stdout, '');
    const wrongPatterns = await runPatterns(['--redis', `redis+sentinel://${sentinelList}/nope`, '--replica']);
    assert.equal(wrongPatterns.code, 2);
    assert.match(wrongPatterns.stderr, /The Sentinels do not know a master named "nope"/);
    const ports = [await freePort(), await freePort()];
    const down = await runMemory(['--sentinel', ports.map((p) => `127.0.0.1:${p}`).join(','), '--master-name', fixture.masterName]);
    assert.equal(down.code, 2);
    assert.match(down.stderr, /^Cannot connect to redis\+sentinel:\/\/\S+: None of the Sentinels answered \([^\n]*[^.]\. Check the Sentinel hosts and ports\.\n$/);
  });

  it('--bgsave --replica is a usage error (exit 2), and nothing reaches a server', async () => {
    const out = await runMemory(['--sentinel', sentinelList, '--master-name', fixture.masterName, '--bgsave', '--replica']);
    assert.equal(out.code, 2);
    assert.match(out.stderr, /^--bgsave asks the master for a dump file and --replica reads a replica: give one of them\n/);
    const saves = parseInfo(await adminCommand(fixture.master, ['INFO', 'commandstats'])).cmdstat_bgsave;
    assert.equal(saves, undefined);
  });

  it('--bgsave without --replica saves on the master Sentinel names and reads that dump file', async () => {
    const out = await runMemory(['--sentinel', sentinelList, '--master-name', fixture.masterName, '--bgsave', '--format', 'json']);
    assert.equal(out.code, 0, out.stderr);
    const report = JSON.parse(out.stdout) as { totalKeys: number; source: Record<string, unknown> };
    assert.equal(report.totalKeys, SEEDED);
    assert.equal(report.source.kind, 'rdb');
    assert.equal(report.source.savedBy, `BGSAVE on redis+sentinel://${sentinelList}/${fixture.masterName}`);
    assert.match(out.stderr, /^BGSAVE on redis\+sentinel:\/\/\S+ \(Redis /m);
    assert.equal(parseInfo(await adminCommand(fixture.replica, ['INFO', 'commandstats'])).cmdstat_bgsave, undefined, 'no BGSAVE on the replica');
    assert.match(parseInfo(await adminCommand(fixture.master, ['INFO', 'commandstats'])).cmdstat_bgsave ?? '', /calls=1,/);
  });

  it('--sentinel-password authenticates to the Sentinels, --user/--password to the data node, each with its own secret', async () => {
    const sentinel = fixture.sentinels[0];
    const flags = ['--sentinel', describeEndpoint(sentinel), '--master-name', fixture.masterName];
    await adminCommand(sentinel, ['ACL', 'SETUSER', 'default', 'resetpass', '>sentinel-pw']);
    // ACL SETUSER is not replicated: the user exists on the master only.
    await adminCommand(fixture.master, ['ACL', 'SETUSER', 'app', 'on', '>data-pw', '~*', '&*', '+@all']);
    try {
      const refused = await runMemory(flags);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /^Cannot connect to redis\+sentinel:\/\/[^\n]*NOAUTH[^\n]*\n$/);
      const out = await runMemory([...flags, '--sentinel-password', 'sentinel-pw', '--user', 'app', '--password', 'data-pw', '--format', 'json']);
      assert.equal(out.code, 0, out.stderr);
      assert.equal((JSON.parse(out.stdout) as { totalKeys: number }).totalKeys, SEEDED);
      // The data node's password goes to the data node (and the Sentinels' to the Sentinels): swapped, the master refuses it.
      const swapped = await runMemory([...flags, '--sentinel-password', 'sentinel-pw', '--user', 'app', '--password', 'sentinel-pw']);
      assert.equal(swapped.code, 2);
      assert.match(swapped.stderr, /WRONGPASS/);
      for (const text of [refused.stderr, out.stdout, out.stderr, swapped.stderr]) assert.ok(!text.includes('sentinel-pw') && !text.includes('data-pw'), text);
    } finally {
      await adminCommand(sentinel, ['ACL', 'SETUSER', 'default', 'nopass'], { password: 'sentinel-pw' });
      await adminCommand(fixture.master, ['ACL', 'DELUSER', 'app']);
    }
  });

  it('with the replica stopped, --replica reads the master and says why in one sentence on stderr', async () => {
    const replica = fixture.replica;
    process.kill(fixture.pidOf(replica), 'SIGKILL');
    await waitForSentinelsToFlagDown(fixture, replica);
    const out = await runMemory(['--sentinel', sentinelList, '--master-name', fixture.masterName, '--replica', '--format', 'json']);
    assert.equal(out.code, 0, out.stderr);
    const sentence = `No replica of "${fixture.masterName}" can be read (Sentinel names no replica that is up), so the analysis reads the master.`;
    assert.equal(out.stderr.split('\n').filter((line) => line.startsWith('No replica')).join('\n'), sentence);
    assert.equal((JSON.parse(out.stdout) as { totalKeys: number }).totalKeys, SEEDED);
    assert.ok((await scanCalls(fixture.master)) > 0, 'SCAN ran on the master');
  });
});
