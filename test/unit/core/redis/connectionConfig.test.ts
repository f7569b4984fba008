import assert from 'node:assert/strict';
import { parseURL as ioredisParseUrl } from 'ioredis/built/utils';
import { ConnectionUrlError, parseConnectionUrl, redactUrl } from '../../../../src/core/redis/connection/connectionConfig';

describe('parseConnectionUrl', () => {
  it('reads host, port, db, user and password', () => {
    const { config, secrets } = parseConnectionUrl('redis://alice:s%40cret@cache.internal:6380/3');
    assert.equal(config.host, 'cache.internal');
    assert.equal(config.port, 6380);
    assert.equal(config.db, 3);
    assert.equal(config.username, 'alice');
    assert.equal(secrets.password, 's@cret');
    assert.equal(config.tls, undefined);
  });
  it('defaults port 6379 and db 0, and rediss:// turns TLS on', () => {
    const { config } = parseConnectionUrl('rediss://example.com?insecure=1');
    assert.equal(config.port, 6379);
    assert.equal(config.db, 0);
    assert.deepEqual(config.tls, { allowSelfSigned: true });
  });
  it('accepts a password without a user and IPv6 hosts', () => {
    const { config, secrets } = parseConnectionUrl('redis://:pw@[::1]:7000');
    assert.equal(config.host, '::1');
    assert.equal(config.username, undefined);
    assert.equal(secrets.password, 'pw');
  });
  for (const [input, fragment] of [
    ['', 'Enter a Redis URL'],
    ['localhost:6379', 'Unsupported scheme'],
    ['http://x', 'Unsupported scheme'],
    ['redis://host:99999', 'not a valid URL'],
    ['redis://host/abc', 'must be a non-negative number'],
    ['redis://host?timeout=-1', 'positive number'],
  ] as const) {
    it(`rejects ${JSON.stringify(input)} with an actionable message`, () => {
      assert.throws(() => parseConnectionUrl(input), (e: unknown) => e instanceof ConnectionUrlError && e.message.includes(fragment));
    });
  }
  it('never echoes the password in its errors', () => {
    assert.throws(() => parseConnectionUrl('redis://u:topsecret@host:bad'), (e: unknown) => !(e as Error).message.includes('topsecret'));
  });
  it('redacts passwords for logs', () => {
    assert.equal(redactUrl('redis://u:topsecret@h:1/0'), 'redis://u:***@h:1/0');
  });

  describe('passwords with URL syntax characters (parsed as ioredis parses them, redacted by structure)', () => {
    const tricky: [string, string][] = [
      // input, redacted
      ['redis://u:p/w@h:1/0', 'redis://u:***@h:1/0'],
      ['redis://:p@ss@h:6380/2', 'redis://:***@h:6380/2'],
      ['redis://u:100%@h', 'redis://u:***@h'],
      ['redis://u:p w@h/1', 'redis://u:***@h/1'],
      ['rediss://u:a?b#c@h?readonly=1', 'rediss://u:***@h?readonly=1'],
      ['redis://default:p%2Fw%40x@h:1', 'redis://default:***@h:1'],
      ['redis://user:@h', 'redis://user:***@h'],
      ['redis://secret-only@h', 'redis://secret-only@h'],
      ['  REDIS://u:the secret@h  ', '  REDIS://u:***@h  '],
    ];
    for (const [input, redacted] of tricky) {
      it(`redacts ${JSON.stringify(input)}`, () => {
        assert.equal(redactUrl(input), redacted);
      });
    }

    for (const url of ['redis://:p@ss@h:6380/2', 'redis://u:p%2Fw@h/1', 'redis://u:p w@h/1', 'redis://u:p%25w@h', 'rediss://default:s3cr3t@h:1/3', 'redis://%C3%A9t%C3%A9:pa%20ss@h']) {
      it(`reads ${url} as ioredis does`, () => {
        const ours = parseConnectionUrl(url);
        const theirs = ioredisParseUrl(url) as { username?: string; password?: string; host?: string; port?: string; db?: string };
        assert.equal(ours.config.host, theirs.host);
        assert.equal(ours.config.port, Number(theirs.port ?? 6379));
        assert.equal(ours.config.db, Number(theirs.db ?? 0));
        assert.equal(ours.config.username, theirs.username || undefined);
        assert.equal(ours.secrets.password, theirs.password || undefined);
      });
    }

    for (const url of ['redis://u:p/w@h:1/0', 'redis://u:100%@h', 'rediss://u:a?b#c@h', 'redis://u:p w@h:bad']) {
      it(`rejects ${JSON.stringify(url)} with one sentence that does not echo the password`, () => {
        assert.throws(
          () => parseConnectionUrl(url),
          (e: unknown) => e instanceof ConnectionUrlError && !/p\/w|100%|a\?b|p w/.test(e.message) && e.message.split('. ').length <= 3,
        );
      });
    }

    it('says how to write a "%" in a password', () => {
      assert.throws(() => parseConnectionUrl('redis://u:100%@h'), /%25/);
    });
  });
});

