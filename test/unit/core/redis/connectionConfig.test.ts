import assert from 'node:assert/strict';
import { ConnectionUrlError, parseConnectionUrl, redactUrl } from '../../../../src/core/redis/connectionConfig';

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
});
