import assert from 'node:assert/strict';
import type { ConnectionConfig } from '../../../../src/core/redis/connection/connectionConfig';
import { ConnectionTimeoutError, describeConnectionError, redactSecrets, type ConnectionProblem } from '../../../../src/core/redis/connection/connectionErrors';

const PASSWORD = 's3cr3t-Pa55';
const base: ConnectionConfig = { id: 'c1', name: 'test', kind: 'standalone', host: 'cache.internal', port: 6380, db: 0, connectTimeoutMs: 2000, keyDelimiter: ':', readOnly: false };

function err(message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), extra);
}

const closed = (): Error => err('Connection is closed.');

describe('describeConnectionError', () => {
  const cases: [string, unknown[], Partial<ConnectionConfig>, ConnectionProblem, RegExp][] = [
    ['unknown host', [err('getaddrinfo ENOTFOUND nope.invalid', { code: 'ENOTFOUND', hostname: 'nope.invalid' }), closed()], {}, 'unknown-host', /Cannot resolve host "nope\.invalid".*ENOTFOUND/],
    ['DNS timeout', [err('getaddrinfo EAI_AGAIN slow.dns', { code: 'EAI_AGAIN' })], {}, 'unknown-host', /slow\.dns.*EAI_AGAIN/],
    ['refused port', [err('connect ECONNREFUSED 127.0.0.1:1', { code: 'ECONNREFUSED' }), closed()], {}, 'refused', /refused by 127\.0\.0\.1:1.*Check the port/],
    ['connect timeout', [err('connect ETIMEDOUT', { code: 'ETIMEDOUT' })], {}, 'timeout', /No answer from cache\.internal:6380 within 2000 ms/],
    ['probe deadline', [new ConnectionTimeoutError(1500)], {}, 'timeout', /No answer from cache\.internal:6380/],
    ['wrong password', [closed(), err('WRONGPASS invalid username-password pair or user is disabled.')], { username: 'alice' }, 'wrong-password', /user "alice".*WRONGPASS/],
    ['no password given', [err('NOAUTH Authentication required.')], {}, 'password-required', /requires a password \(NOAUTH\)/],
    ['password not needed', [err('ERR AUTH <password> called without any password configured for the default user.')], {}, 'password-not-needed', /no password set/],
    ['untrusted CA', [err('unable to verify the first certificate', { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' })], { tls: {} }, 'tls-untrusted', /not trusted.*CA file/],
    ['self-signed chain', [err('self-signed certificate in certificate chain', { code: 'SELF_SIGNED_CERT_IN_CHAIN' })], { tls: {} }, 'tls-untrusted', /SELF_SIGNED_CERT_IN_CHAIN/],
    ['wrong server name', [err("Hostname/IP does not match certificate's altnames: Host: wrong.name. is not in the cert's altnames: DNS:localhost", { code: 'ERR_TLS_CERT_ALTNAME_INVALID' })], { tls: { serverName: 'wrong.name' } }, 'tls-hostname', /not valid for the name "wrong\.name"/],
    ['client cert required (TLS 1.3 alert)', [err('error:0A00045C:SSL routines::tlsv13 alert certificate required', { code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' }), closed()], { tls: {} }, 'tls-client-cert', /requires a TLS client certificate/],
    ['client cert required (reset)', [err('read ECONNRESET', { code: 'ECONNRESET' })], { tls: {} }, 'tls-client-cert', /client certificate/],
    ['TLS against a plain port', [err('wrong version number', { code: 'ERR_SSL_WRONG_VERSION_NUMBER' })], { tls: {} }, 'tls-not-tls', /does not speak TLS/],
    ['plain against a TLS port', [err('read ECONNRESET', { code: 'ECONNRESET' }), closed()], {}, 'tls-required', /turn TLS on/],
    ['sentinel master unknown', [err('All sentinels are unreachable and retry is disabled.'), err('connected to sentinel 127.0.0.1:26379 successfully, but got an invalid reply: null')], { kind: 'sentinel', masterName: 'nosuch', sentinels: [{ host: '127.0.0.1', port: 26379 }] }, 'sentinel-master-unknown', /do not know a master named "nosuch"/],
    ['sentinel master unknown (Redis 7 reply)', [err('All sentinels are unreachable and retry is disabled. Last error: ERR No such master with that name')], { kind: 'sentinel', masterName: 'nosuch' }, 'sentinel-master-unknown', /"nosuch"/],
    ['sentinels down', [err('All sentinels are unreachable and retry is disabled. Last error: connect ECONNREFUSED 127.0.0.1:26379')], { kind: 'sentinel', masterName: 'm' }, 'refused', /refused by 127\.0\.0\.1:26379/],
    ['sentinels closed (one full stop)', [err('All sentinels are unreachable and retry is disabled. Last error: Connection is closed.')], { kind: 'sentinel', masterName: 'm' }, 'sentinel-unreachable', /answered \(master "m" via Sentinel [^)]*\): Connection is closed\. Check the Sentinel hosts/],
    ['cluster seed is not a cluster', [Object.assign(err('Failed to refresh slots cache.'), { name: 'ClusterAllFailedError', lastNodeError: err('ERR This instance has cluster support disabled') }), err('None of startup nodes is available')], { kind: 'cluster' }, 'not-a-cluster', /not a cluster node/],
    ['cluster seeds down', [err('None of startup nodes is available')], { kind: 'cluster', clusterNodes: [{ host: 'a', port: 7000 }] }, 'cluster-unreachable', /No cluster seed node answered \(cluster seed a:7000\)/],
    ['connection lost', [closed()], {}, 'connection-lost', /was lost/],
    ['settings', [err('Cannot read the TLS CA file "/x": ENOENT.', { name: 'ConnectionSettingsError' })], {}, 'settings', /Cannot read the TLS CA file/],
  ];
  for (const [title, errors, overrides, problem, pattern] of cases) {
    it(`${title} → ${problem}`, () => {
      const result = describeConnectionError(errors, { config: { ...base, ...overrides }, secrets: { password: PASSWORD } });
      assert.equal(result.problem, problem, result.message);
      assert.match(result.message, pattern);
      assert.ok(!result.message.includes(PASSWORD));
    });
  }

  it('removes the password even when an error quotes it', () => {
    const result = describeConnectionError(err(`ERR weird reply mentioning ${PASSWORD} and redis://u:${PASSWORD}@h`), { config: base, secrets: { password: PASSWORD } });
    assert.ok(!result.message.includes(PASSWORD), result.message);
    assert.match(result.message, /\*\*\*/);
  });

  it('redacts a password by structure, so that a password that is a common word leaves the sentence intact', () => {
    const sentence = 'Authentication failed on redis:6379 for the default user: wrong password (WRONGPASS). Re-enter the password.';
    for (const password of ['redis', 'default', 'the', 'password', 'abc']) assert.equal(redactSecrets(sentence, { password }), sentence, password);
    assert.equal(redactSecrets('at redis://default:redis@redis:6379/0 the default', { password: 'redis' }), 'at redis://default:***@redis:6379/0 the default');
  });

  it('redacts URL passwords with "/", "@", "%" and spaces in messages', () => {
    assert.equal(redactSecrets('cannot reach redis://u:p/w@h:1/0 now', undefined), 'cannot reach redis://u:***@h:1/0 now');
    assert.equal(redactSecrets('cannot reach redis://:p@ss@h:1 now', undefined), 'cannot reach redis://:***@h:1 now');
    assert.equal(redactSecrets('cannot reach redis://u:100%@h now', undefined), 'cannot reach redis://u:***@h now');
    assert.equal(redactSecrets('cannot reach redis://u:p w@h now', { password: 'p w' }), 'cannot reach redis://u:***@h now');
    assert.equal(redactSecrets('a rediss://x:1@h and redis://y:2@k', undefined), 'a rediss://x:***@h and redis://y:***@k');
  });

  it('still removes a password that does not look like a word wherever it appears', () => {
    assert.equal(redactSecrets('reply: s3cr3t-P4ss!', { password: 's3cr3t-P4ss!' }), 'reply: ***');
  });

  it('describes non-Error values too', () => {
    assert.equal(describeConnectionError('boom').problem, 'other');
  });
});
