import assert from 'node:assert/strict';
import { connectionUrl } from '../../../../src/core/connections/connectionUrl';
import { parseConnectionUrl, type ConnectionConfig } from '../../../../src/core/redis/connection/connectionConfig';

const base: ConnectionConfig = { id: 'x', name: 'Cache', kind: 'standalone', host: 'cache.example.com', port: 6379, db: 0, connectTimeoutMs: 10_000, keyDelimiter: ':', readOnly: false };

describe('Copy Connection URL', () => {
  it('leaves the password out unless given', () => {
    assert.equal(connectionUrl({ ...base, username: 'app' }), 'redis://app@cache.example.com:6379');
    assert.equal(connectionUrl({ ...base, username: 'app' }, 'pw'), 'redis://app:pw@cache.example.com:6379');
    assert.equal(connectionUrl(base, 'pw'), 'redis://:pw@cache.example.com:6379');
    assert.equal(connectionUrl(base), 'redis://cache.example.com:6379');
  });

  it('uses rediss for TLS and the database as the path when it is not 0', () => {
    assert.equal(connectionUrl({ ...base, tls: {}, db: 5 }), 'rediss://cache.example.com:6379/5');
  });

  it('puts an IPv6 host in brackets', () => {
    assert.equal(connectionUrl({ ...base, host: '::1', port: 6390, db: 2 }), 'redis://[::1]:6390/2');
  });

  it('percent-encodes user and password so that any character survives a round trip through Add Connection', () => {
    const user = 'ops@team:1/é';
    const password = 'p@ss:w/rd?#% &+=[]';
    const url = connectionUrl({ ...base, username: user, db: 3, tls: {} }, password);
    assert.equal(url, 'rediss://ops%40team%3A1%2F%C3%A9:p%40ss%3Aw%2Frd%3F%23%25%20%26%2B%3D%5B%5D@cache.example.com:6379/3');
    const parsed = parseConnectionUrl(url);
    assert.deepEqual({ username: parsed.config.username, password: parsed.secrets.password, host: parsed.config.host, db: parsed.config.db, tls: parsed.config.tls !== undefined }, { username: user, password, host: 'cache.example.com', db: 3, tls: true });
  });

  it('names a Cluster by its seed node and refuses Sentinel and Unix sockets with the reason', () => {
    assert.equal(connectionUrl({ ...base, kind: 'cluster', host: '10.0.0.1', port: 7000 }), 'redis://10.0.0.1:7000');
    assert.throws(() => connectionUrl({ ...base, kind: 'sentinel' }), { message: '"Cache" is a Sentinel connection: a redis:// URL names one server, not the sentinels and master group.' });
    assert.throws(() => connectionUrl({ ...base, socket: '/tmp/redis.sock' }), { message: '"Cache" connects through the Unix socket /tmp/redis.sock, which a redis:// URL cannot name.' });
  });
});
