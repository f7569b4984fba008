import assert from 'node:assert/strict';
import { formatHostList, parseHostList } from '../../../../src/core/redis/connection/hostList';

describe('host lists in the connection wizard (Sentinels, Cluster seed nodes)', () => {
  it('reads host:port pairs separated by commas and/or spaces, in order', () => {
    assert.deepEqual(parseHostList('10.0.0.1:26379, 10.0.0.2:26380 sentinel-3.internal:26381'), [
      { host: '10.0.0.1', port: 26379 },
      { host: '10.0.0.2', port: 26380 },
      { host: 'sentinel-3.internal', port: 26381 },
    ]);
    assert.deepEqual(parseHostList(' ,a:1,,b:2 , '), [{ host: 'a', port: 1 }, { host: 'b', port: 2 }]);
  });

  it('gives a host without a port the Redis port', () => {
    assert.deepEqual(parseHostList('cache'), [{ host: 'cache', port: 6379 }]);
  });

  it('reads IPv6 addresses in brackets, with or without a port', () => {
    assert.deepEqual(parseHostList('[::1]:7000 [fe80::1]'), [{ host: '::1', port: 7000 }, { host: 'fe80::1', port: 6379 }]);
  });

  it('accepts ports 1 and 65535 and names the part that is not host:port', () => {
    assert.deepEqual(parseHostList('a:1 b:65535'), [{ host: 'a', port: 1 }, { host: 'b', port: 65535 }]);
    assert.equal(parseHostList('a:6379, b:0'), '"b:0" is not host:port.');
    assert.equal(parseHostList('a:65536'), '"a:65536" is not host:port.');
    assert.equal(parseHostList('a:port'), '"a:port" is not host:port.');
    assert.equal(parseHostList('::1'), '"::1" is not host:port.', 'an IPv6 address needs brackets');
    assert.equal(parseHostList('a:1:2'), '"a:1:2" is not host:port.');
  });

  it('asks for at least one host when the answer is empty', () => {
    assert.equal(parseHostList(''), 'Enter at least one host:port.');
    assert.equal(parseHostList(' , '), 'Enter at least one host:port.');
  });

  it('shows a list the way it reads it back', () => {
    const hosts = [{ host: '10.0.0.1', port: 7000 }, { host: '::1', port: 7001 }];
    assert.equal(formatHostList(hosts), '10.0.0.1:7000, [::1]:7001');
    assert.deepEqual(parseHostList(formatHostList(hosts)), hosts);
    assert.equal(formatHostList(undefined), '');
  });
});
