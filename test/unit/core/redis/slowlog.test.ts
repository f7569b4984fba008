import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSlowlog, parseSlowlogConfig, SlowlogParseError } from '../../../../src/core/redis/server/slowlog';

describe('parseSlowlog', () => {
  it('reads a RESP2 reply with Buffer arguments (ioredis callBuffer)', () => {
    const reply = [
      [7, 1700000000, 52011, [Buffer.from('SET'), Buffer.from([0xff, 0x01, 0x6b]), Buffer.from('a b')], Buffer.from('127.0.0.1:5000'), Buffer.from('worker-1')],
      [6, 1699999999, 12, [Buffer.from('PING')], Buffer.from('[::1]:6000'), Buffer.from('')],
    ];
    const entries = parseSlowlog(reply);
    assert.equal(entries.length, 2);
    assert.deepEqual(entries[0], {
      id: 7,
      time: 1700000000,
      durationUsec: 52011,
      args: ['SET', '\\xff\\x01k', 'a b'],
      commandLine: 'SET "\\xff\\x01k" "a b"', // redis-cli reads \x escapes only inside quotes
      clientAddress: '127.0.0.1:5000',
      clientName: 'worker-1',
    });
    assert.equal(entries[1].clientAddress, '[::1]:6000');
  });
  it('accepts string arguments, bigint and numeric-string integers, and pre-4.0 entries without client fields', () => {
    const [entry] = parseSlowlog([[BigInt(3), '1700000000', 9, ['GET', 'k']]]);
    assert.equal(entry.id, 3);
    assert.equal(entry.time, 1700000000);
    assert.equal(entry.clientAddress, '');
    assert.equal(entry.clientName, '');
    assert.equal(entry.commandLine, 'GET k');
  });
  it('keeps the server\'s own truncation markers as text', () => {
    const [entry] = parseSlowlog([[1, 1, 1, ['SET', 'k', 'xxxx... (872 more bytes)'], '', '']]);
    assert.equal(entry.args[2], 'xxxx... (872 more bytes)');
  });
  it('rejects replies that are not a SLOWLOG GET array, saying what arrived', () => {
    assert.throws(() => parseSlowlog('OK'), (e: unknown) => e instanceof SlowlogParseError && /got "OK"/.test(e.message));
    assert.throws(() => parseSlowlog([[1, 2]]), /entry 0 is not \[id, time, duration, args/);
    assert.throws(() => parseSlowlog([[1, 'soon', 3, []]]), /non-numeric time/);
  });
});

describe('parseSlowlogConfig', () => {
  it('reads a flat RESP2 array and a RESP3 map', () => {
    const expected = { slowerThanUsec: 10000, maxLen: 128 };
    assert.deepEqual(parseSlowlogConfig(['slowlog-max-len', '128', 'slowlog-log-slower-than', '10000']), expected);
    assert.deepEqual(parseSlowlogConfig(new Map([['slowlog-max-len', '128'], ['slowlog-log-slower-than', '10000']])), expected);
    assert.deepEqual(parseSlowlogConfig({ 'slowlog-max-len': '128', 'slowlog-log-slower-than': '10000' }), expected);
  });
  it('leaves missing settings null', () => {
    assert.deepEqual(parseSlowlogConfig([]), { slowerThanUsec: null, maxLen: null });
    assert.throws(() => parseSlowlogConfig(null), SlowlogParseError);
  });
});

describe('parseSlowlog (real reply captured by test/fixtures/info/capture.ts)', () => {
  function revive(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(revive);
    if (value && typeof value === 'object' && 'base64' in value) return Buffer.from(String(value.base64), 'base64');
    return value;
  }
  const reply = revive(JSON.parse(readFileSync(path.join(__dirname, '../../../fixtures/info/slowlog-standalone.json'), 'utf8')));

  it('lists entries newest first with durations and the client address', () => {
    const entries = parseSlowlog(reply);
    assert.deepEqual(entries.map((e) => e.id), [3, 2, 1, 0]);
    const sleeps = entries.filter((e) => e.args[0] === 'DEBUG');
    assert.equal(sleeps.length, 2);
    assert.ok(sleeps.every((e) => e.durationUsec >= 10_000));
    assert.ok(entries.every((e) => /^127\.0\.0\.1:\d+$/.test(e.clientAddress)));
  });
  it('shows binary key and value bytes escaped, and a copyable command line', () => {
    const set = parseSlowlog(reply).find((e) => e.args[0].toLowerCase() === 'set');
    assert.ok(set);
    assert.deepEqual(set.args.slice(1), ['\\xff\\x01k', 'café \\x00']);
    assert.equal(set.commandLine, 'set "\\xff\\x01k" "café \\x00"');
  });
});

describe('parseSlowlog with the previous result', () => {
  it('reuses entries it has seen and parses new or different ones', () => {
    const raw = (id: number, time: number, key: string) => [id, time, 10, [Buffer.from('GET'), Buffer.from(key)], Buffer.from('a'), Buffer.from('')];
    const first = parseSlowlog([raw(2, 100, 'b'), raw(1, 99, 'a')]);
    const previous = new Map(first.map((e) => [e.id, e]));
    const second = parseSlowlog([raw(3, 101, 'c'), raw(2, 100, 'b'), raw(1, 5, 'after-restart')], previous);
    assert.equal(second[1], first[0], 'same id and time: the same object');
    assert.equal(second[0].args[1], 'c');
    assert.equal(second[2].args[1], 'after-restart', 'same id, other time: parsed again');
  });
});
