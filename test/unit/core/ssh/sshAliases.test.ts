import assert from 'node:assert/strict';
import { sshConfigAliases } from '../../../../src/core/ssh/sshAliases';

describe('sshConfigAliases', () => {
  const files: Record<string, string> = {
    '/home/u/.ssh/config': 'Host bastion prod-*\n  HostName 10.0.0.1\nInclude conf.d/*\nHost !skip *.internal cache ?x\nHost bastion\nMatch host foo\n',
    '/home/u/.ssh/conf.d/a': 'Host included\n  User ops\n',
  };
  const fs = { readFile: (file: string) => files[file], glob: (pattern: string) => Object.keys(files).filter((f) => f.startsWith(pattern.replace('*', ''))).sort() };

  it('lists the Host names that name one host, Include followed, in order, once each', () => {
    assert.deepEqual(sshConfigAliases({ homeDir: '/home/u', localUser: 'u', fs }), ['bastion', 'included', 'cache']);
  });

  it('reads another configuration file when one is set, and nothing when it does not exist', () => {
    assert.deepEqual(sshConfigAliases({ homeDir: '/home/u', localUser: 'u', fs, configFile: '/home/u/.ssh/conf.d/a' }), ['included']);
    assert.deepEqual(sshConfigAliases({ homeDir: '/home/u', localUser: 'u', fs, configFile: '/nowhere' }), []);
  });
});
