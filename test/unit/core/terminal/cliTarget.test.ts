import assert from 'node:assert/strict';
import { cliTargetFor } from '../../../../src/core/terminal/cliTarget';
import type { ConnectionConfig } from '../../../../src/core/redis/connection/connectionConfig';

const deadlines = { commandTimeoutMs: 700, slowCommandTimeoutMs: 9000 };
const base: ConnectionConfig = { id: 'c', name: 'c', kind: 'standalone', host: 'cache.local', port: 6380, db: 4, connectTimeoutMs: 1234, keyDelimiter: ':', readOnly: false };

describe('cliTargetFor', () => {
  it('starts at the configured host with credentials and database', async () => {
    const target = cliTargetFor({ ...base, username: 'app' }, { password: 'pw' }, deadlines);
    assert.deepEqual(await target.resolve(), { host: 'cache.local', port: 6380, connectTimeoutMs: 1234, deadlines });
    assert.deepEqual(target.handshake, { username: 'app', password: 'pw', db: 4, clientName: 'redis-specialist-cli' });
  });

  it('uses the Unix socket when one is set', async () => {
    assert.equal((await cliTargetFor({ ...base, socket: '/tmp/redis.sock' }, {}).resolve()).path, '/tmp/redis.sock');
  });

  it('maps Cluster redirect addresses through the NAT map and always uses database 0', () => {
    const target = cliTargetFor({ ...base, kind: 'cluster', natMap: { '10.0.0.1:7000': { host: '127.0.0.1', port: 17000 } } }, {}, deadlines);
    assert.deepEqual(target.endpointFor('10.0.0.1', 7000), { host: '127.0.0.1', port: 17000, connectTimeoutMs: 1234, deadlines });
    assert.deepEqual(target.endpointFor('10.0.0.2', 7001), { host: '10.0.0.2', port: 7001, connectTimeoutMs: 1234, deadlines });
    assert.equal(target.handshake.db, 0);
  });

  it('adds TLS options, verifying certificates unless self-signed ones are allowed', () => {
    const strict = cliTargetFor({ ...base, tls: {} }, {}).endpointFor('cache.local', 6380);
    assert.equal(strict.tls?.rejectUnauthorized, true);
    assert.equal(strict.tls?.servername, 'cache.local');
    const lax = cliTargetFor({ ...base, tls: { allowSelfSigned: true } }, {}).endpointFor('cache.local', 6380);
    assert.equal(lax.tls?.rejectUnauthorized, false);
  });

  it('explains a Sentinel connection without a master name', async () => {
    await assert.rejects(cliTargetFor({ ...base, kind: 'sentinel' }, {}).resolve(), /master group name/);
  });
});
