import assert from 'node:assert/strict';
import { parseClusterNodes, parseSentinelReplicas } from '../../../../src/core/redis/server/dashboardTopology';

describe('dashboard topology: nodes as the servers list them', () => {
  it('lists every CLUSTER NODES entry with its role, including a replica that has not synced', () => {
    const text = [
      '07c37dfeb235213a872192d90877d0cd55635b91 127.0.0.1:30004@31004,cache-4 slave e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 0 1426238317239 4 connected',
      '67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 127.0.0.1:30002@31002 master - 0 1426238316232 2 connected 5461-10922',
      'e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 127.0.0.1:30001@31001 myself,master - 0 0 1 connected 0-5460',
      '6ec23923021cf3ffec47632106199cb7f496ce01 127.0.0.1:30005@31005 slave,fail 67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 0 1426238316232 5 connected',
      '292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f :0@0 noaddr,master - 0 0 0 disconnected',
      'a1b2 127.0.0.1:30009@31009 handshake - 0 0 0 connected',
      '',
    ].join('\n');
    assert.deepEqual(parseClusterNodes(text), [
      { host: '127.0.0.1', port: 30004, role: 'replica' },
      { host: '127.0.0.1', port: 30002, role: 'master' },
      { host: '127.0.0.1', port: 30001, role: 'master' },
      { host: '127.0.0.1', port: 30005, role: 'replica' },
    ]);
  });
  it('reads IPv6 addresses', () => {
    assert.deepEqual(parseClusterNodes('id ::1:7000@17000 master - 0 0 1 connected 0-16383'), [{ host: '::1', port: 7000, role: 'master' }]);
  });
  it('lists the replicas of SENTINEL REPLICAS in RESP2 and RESP3 shapes', () => {
    const resp2 = [
      ['name', '127.0.0.1:6380', 'ip', '127.0.0.1', 'port', '6380', 'flags', 'slave'],
      ['name', '127.0.0.1:6381', 'ip', '127.0.0.1', 'port', '6381', 'flags', 'slave,s_down'],
    ];
    assert.deepEqual(parseSentinelReplicas(resp2), [
      { host: '127.0.0.1', port: 6380, role: 'replica' },
      { host: '127.0.0.1', port: 6381, role: 'replica' },
    ]);
    assert.deepEqual(parseSentinelReplicas([{ ip: '10.0.0.2', port: '6379' }]), [{ host: '10.0.0.2', port: 6379, role: 'replica' }]);
    assert.deepEqual(parseSentinelReplicas('ERR'), []);
  });
});
