import assert from 'node:assert/strict';
import { MEMORY_USAGE, parseMemoryArgs, MemoryUsageError } from '../../../src/commandLine/memory/memoryArgs';
import { PATTERNS_USAGE, parsePatternsArgs, PatternsUsageError } from '../../../src/commandLine/patterns/patternsArgs';
import { takeTargetFlag, targetOf, type TargetFlags } from '../../../src/commandLine/redisTargetArgs';
import { ConnectionUrlError } from '../../../src/core/redis/connection/connectionConfig';
import { isSentinelUrl, parseSentinelUrl, sentinelLabel } from '../../../src/core/redis/connection/sentinelUrl';

class Usage extends Error {}

/** The flags of `argv` as the subcommands take them, then the target they name. */
function target(argv: string[]): ReturnType<typeof targetOf> {
  const flags: TargetFlags = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    assert.ok(takeTargetFlag(flags, flag, () => argv[++i]), `${flag} is a server flag`);
  }
  return targetOf(flags, (message) => new Usage(message));
}

const usage = (argv: string[], pattern: RegExp): void => assert.throws(() => target(argv), (e: unknown) => e instanceof Usage && pattern.test(e.message));

describe('server flags of memory and patterns (--sentinel, --master-name, redis+sentinel://, --replica)', () => {
  it('--sentinel host:port,host:port --master-name NAME: the Sentinels, the name, db 0, no secrets; its label is the URL form', () => {
    const t = target(['--sentinel', '10.0.0.1:26379,10.0.0.2:26380', '--master-name', 'mymaster']);
    assert.ok(t && t.kind === 'sentinel');
    assert.deepEqual(t.parsed.config.sentinels, [{ host: '10.0.0.1', port: 26379 }, { host: '10.0.0.2', port: 26380 }]);
    assert.equal(t.parsed.config.kind, 'sentinel');
    assert.equal(t.parsed.config.masterName, 'mymaster');
    assert.equal(t.parsed.config.db, 0);
    assert.deepEqual(t.parsed.secrets, {});
    assert.equal(t.label, 'redis+sentinel://10.0.0.1:26379,10.0.0.2:26380/mymaster');
  });

  it('--sentinel given twice adds up; --db, --user, --password for the data nodes, --sentinel-user/--sentinel-password for the Sentinels, kept apart', () => {
    const t = target(['--sentinel', 'a:1', '--sentinel', 'b', '--master-name', 'm', '--db', '3', '--user', 'app', '--password', 'data-pw', '--sentinel-user', 'watch', '--sentinel-password', 'sentinel-pw']);
    assert.ok(t && t.kind === 'sentinel');
    assert.deepEqual(t.parsed.config.sentinels, [{ host: 'a', port: 1 }, { host: 'b', port: 6379 }]);
    assert.equal(t.parsed.config.db, 3);
    assert.equal(t.parsed.config.username, 'app');
    assert.equal(t.parsed.config.sentinelUsername, 'watch');
    assert.deepEqual(t.parsed.secrets, { password: 'data-pw', sentinelPassword: 'sentinel-pw' });
    assert.equal(t.label, 'redis+sentinel://a:1,b:6379/m/3');
    assert.ok(!t.label.includes('pw'));
  });

  it('--redis redis+sentinel://user:pass@h:p,h:p/NAME/db: the user info is the data nodes\', ?sentinelPassword= and --sentinel-password the Sentinels\'', () => {
    const t = target(['--redis', 'redis+sentinel://app:p%40ss@h1:26379,[::1]:26380/my%20master/2?sentinelPassword=s1&readonly']);
    assert.ok(t && t.kind === 'sentinel');
    assert.deepEqual(t.parsed.config.sentinels, [{ host: 'h1', port: 26379 }, { host: '::1', port: 26380 }]);
    assert.equal(t.parsed.config.masterName, 'my master');
    assert.equal(t.parsed.config.db, 2);
    assert.equal(t.parsed.config.username, 'app');
    assert.equal(t.parsed.config.readOnly, true);
    assert.deepEqual(t.parsed.secrets, { password: 'p@ss', sentinelPassword: 's1' });
    assert.equal(t.label, 'redis+sentinel://h1:26379,[::1]:26380/my%20master/2');
    const overridden = target(['--redis', 'redis+sentinel://h1:26379/m?sentinelPassword=s1', '--sentinel-password', 's2']);
    assert.ok(overridden && overridden.kind === 'sentinel');
    assert.deepEqual(overridden.parsed.secrets, { sentinelPassword: 's2' });
  });

  it('a redis:// URL stays a URL (parsed when connecting, a Cluster detected then); no flags is no server', () => {
    assert.deepEqual(target(['--redis', 'redis://h:6379/1', '--replica']), { kind: 'url', url: 'redis://h:6379/1' });
    assert.equal(target([]), null);
  });

  it('one sentence for each wrong combination', () => {
    usage(['--redis', 'redis://h', '--sentinel', 'h:1'], /either --redis URL or --sentinel/);
    usage(['--sentinel', 'h:1'], /--sentinel needs --master-name NAME/);
    usage(['--master-name', 'm'], /--master-name applies to --sentinel only/);
    usage(['--redis', 'redis+sentinel://h:1/m', '--master-name', 'm'], /master name of a redis\+sentinel:\/\/ URL is its path/);
    usage(['--redis', 'redis://h', '--db', '2'], /--db applies to --sentinel only/);
    usage(['--redis', 'redis://h', '--password', 'x'], /--password applies to --sentinel only/);
    usage(['--redis', 'redis://h', '--sentinel-password', 'x'], /--sentinel-password applies to --sentinel or a redis\+sentinel:\/\/ URL only/);
    usage(['--sentinel', 'h:99999', '--master-name', 'm'], /--sentinel takes host:port\[,host:port…\]: "h:99999" is not host:port/);
    usage(['--sentinel', 'h:1', '--master-name', 'm', '--db', 'x'], /--db must be a whole number/);
    usage(['--replica'], /--replica needs a server/);
    usage(['--redis', 'redis+sentinel://h:1'], /names no master group/);
  });

  it('takeTargetFlag leaves other flags alone', () => {
    const flags: TargetFlags = {};
    assert.equal(takeTargetFlag(flags, '--top', () => '3'), false);
    assert.deepEqual(flags, {});
  });
});

describe('parseSentinelUrl', () => {
  it('recognises the scheme in any case, with blanks around', () => {
    assert.ok(isSentinelUrl('  REDIS+SENTINEL://h/m'));
    assert.ok(!isSentinelUrl('redis://h'));
  });
  it('rejects what is not NAME[/db] and a bad host list, in one sentence with an example', () => {
    for (const [url, pattern] of [
      ['redis+sentinel://h:1/m/x', /"m\/x" is not NAME\[\/db\]/],
      ['redis+sentinel://h:1/m/1/2', /is not NAME\[\/db\]/],
      ['redis+sentinel://h:0/m', /Sentinel list of the URL is not host:port/],
      ['redis+sentinel://h:1/m?timeout=-1', /timeout=-1 must be a positive number/],
      ['redis+sentinel://u:%zz@h:1/m', /"%" that does not start a %XX code/],
    ] as const) assert.throws(() => parseSentinelUrl(url), (e: unknown) => e instanceof ConnectionUrlError && pattern.test(e.message), url);
  });
  it('its label round-trips through the parser', () => {
    const parsed = parseSentinelUrl('redis+sentinel://h1:1,h2:2/mymaster/4');
    assert.deepEqual(parseSentinelUrl(sentinelLabel(parsed.config)).config, parsed.config);
  });
});

describe('memory and patterns take the server flags', () => {
  it('memory: --bgsave with --replica is a usage error; --replica with --rdb too', () => {
    assert.throws(() => parseMemoryArgs(['--sentinel', 'h:1', '--master-name', 'm', '--bgsave', '--replica']), (e: unknown) => e instanceof MemoryUsageError && /^--bgsave asks the master for a dump file and --replica reads a replica: give one of them$/.test(e.message));
    assert.throws(() => parseMemoryArgs(['--rdb', 'x.rdb', '--replica']), (e: unknown) => e instanceof MemoryUsageError && /--replica needs a server/.test(e.message));
    assert.throws(() => parseMemoryArgs(['--rdb', 'x.rdb', '--sentinel', 'h:1', '--master-name', 'm']), (e: unknown) => e instanceof MemoryUsageError && /either a server .* or --rdb FILE, not both/.test(e.message));
  });
  it('memory: --sentinel … --bgsave (the master) and --replica parse', () => {
    const bgsave = parseMemoryArgs(['--sentinel', 'h:1', '--master-name', 'm', '--bgsave']);
    assert.ok(bgsave.kind === 'run' && bgsave.args.bgsave && !bgsave.args.replica && bgsave.args.source.kind === 'redis' && bgsave.args.source.target.kind === 'sentinel');
    const replica = parseMemoryArgs(['--redis', 'redis+sentinel://h:1/m', '--replica', '--sample', '10']);
    assert.ok(replica.kind === 'run' && replica.args.replica && replica.args.sample === 10);
  });
  it('patterns: --sentinel without paths is enough; --fail-on no-ttl accepts it as the live server', () => {
    const parsed = parsePatternsArgs(['--sentinel', 'h:1', '--master-name', 'm', '--replica', '--fail-on', 'no-ttl']);
    assert.ok(parsed.kind === 'run' && parsed.args.replica && parsed.args.failOnNoTtl && parsed.args.target?.kind === 'sentinel');
    assert.throws(() => parsePatternsArgs(['src', '--replica']), (e: unknown) => e instanceof PatternsUsageError && /--replica needs a server/.test(e.message));
  });
  it('both help texts document --sentinel, --master-name, --sentinel-password and --replica', () => {
    for (const text of [MEMORY_USAGE, PATTERNS_USAGE]) {
      for (const flag of ['--sentinel host:port', '--master-name NAME', '--sentinel-password', '--replica', 'redis+sentinel://']) assert.ok(text.includes(flag), flag);
      assert.ok(text.split('\n').every((line) => line.length <= 100), 'lines fit a terminal');
    }
  });
});
