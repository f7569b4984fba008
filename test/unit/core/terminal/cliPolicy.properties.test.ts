import assert from 'node:assert/strict';
import { decideCommand } from '../../../../src/core/terminal/cliPolicy';
import { CommandCatalog } from '../../../../src/core/terminal/commandCatalog';
import type { RespValue } from '../../../../src/core/terminal/resp';

const bulk = (value: string): RespValue => ({ type: 'bulk', value: Buffer.from(value) });
const array = (...items: RespValue[]): RespValue => ({ type: 'array', items });
function info(name: string, flags: string[], categories: string[], subcommands: RespValue[] = []): RespValue {
  const simple = (value: string): RespValue => ({ type: 'simple', value });
  const integer: RespValue = { type: 'integer', value: '0' };
  return array(bulk(name), integer, array(...flags.map(simple)), integer, integer, integer, array(...categories.map(simple)), array(), array(), array(...subcommands));
}
const words = (line: string) => line.split(' ').map((word) => Buffer.from(word));

/** Reports the server marks @dangerous (and partly `admin`) that the terminal runs without asking. */
const REPORTS = ['info', 'role', 'lastsave', 'client|list', 'client|info', 'config|get', 'slowlog|get', 'slowlog|len', 'latency|doctor', 'latency|graph', 'latency|histogram', 'latency|history', 'latency|latest', 'module|list', 'acl|list', 'acl|users', 'acl|getuser', 'acl|log', 'acl|dryrun', 'cluster|replicas', 'cluster|slaves', 'cluster|count-failure-reports'];
/** Asked about even when the server hides COMMAND. */
const KNOWN_DANGEROUS = ['flushall', 'flushdb', 'keys', 'debug', 'shutdown', 'config', 'swapdb', 'monitor', 'migrate', 'restore', 'sort', 'failover', 'replicaof', 'slaveof', 'save', 'bgsave', 'bgrewriteaof'];

/** A server whose COMMAND marks every command of `names` @dangerous, plus a dangerous twin of each container. */
function dangerousCatalog(names: string[]): CommandCatalog {
  const containers = new Map<string, RespValue[]>();
  const top: RespValue[] = [];
  for (const name of names) {
    const [container, sub] = name.split('|');
    if (sub === undefined) top.push(info(name, ['admin'], ['@slow', '@dangerous']));
    else containers.set(container, [...(containers.get(container) ?? []), info(name, ['admin'], ['@admin', '@dangerous']), info(`${container}|dangerous-twin`, ['admin'], ['@dangerous'])]);
  }
  for (const [container, subs] of containers) top.push(info(container, [], ['@slow'], subs));
  top.push(info('flushall', ['write'], ['@write', '@dangerous']));
  return CommandCatalog.fromReplies(array(...top), undefined);
}

describe('CLI policy, stated as properties', () => {
  const writable = { readOnly: false, confirmDangerous: true, connectionName: 'prod' };

  it('runs every @dangerous report without asking, and asks before any other @dangerous command, naming the connection', async () => {
    const catalog = dangerousCatalog(REPORTS);
    for (const name of REPORTS) {
      assert.deepEqual(await decideCommand(catalog, words(`${name.replace('|', ' ').toUpperCase()} x`), writable), { action: 'run' }, name);
      const container = name.split('|')[1] ? name.split('|')[0] : undefined;
      if (container) {
        const twin = await decideCommand(catalog, words(`${container} dangerous-twin`), writable);
        assert.deepEqual(twin, { action: 'confirm', message: `${container.toUpperCase()} DANGEROUS-TWIN is marked @dangerous by the server (it can destroy data or block the server). Run it on "prod"? [y/N] ` });
      }
    }
    assert.deepEqual(await decideCommand(catalog, words('flushall'), { readOnly: false, confirmDangerous: true }), {
      action: 'confirm',
      message: 'FLUSHALL is marked @dangerous by the server (it can destroy data or block the server). Run it? [y/N] ',
    });
    assert.deepEqual(await decideCommand(catalog, words('flushall'), { ...writable, confirmDangerous: false }), { action: 'run' });
  });

  it('without COMMAND, asks before every known dangerous command in any case, runs the rest, and refuses all on a read-only connection', async () => {
    const blind = CommandCatalog.fromReplies({ type: 'error', value: 'NOPERM' }, undefined);
    for (const name of KNOWN_DANGEROUS) {
      for (const typed of [name, name.toUpperCase()]) {
        assert.deepEqual(await decideCommand(blind, words(`${typed} x`), writable), { action: 'confirm', message: `${name.toUpperCase()} can destroy data or block the server. Run it on "prod"? [y/N] ` });
        assert.deepEqual(await decideCommand(blind, words(typed), { ...writable, confirmDangerous: false }), { action: 'run' });
        assert.deepEqual(await decideCommand(blind, words(typed), { ...writable, readOnly: true }), {
          action: 'refuse',
          message: `This connection is read-only and the server does not describe its commands (COMMAND is unavailable), so ${name.toUpperCase()} cannot be shown to be read-only.`,
        });
      }
    }
    for (const name of ['get', 'info', 'scan']) assert.deepEqual(await decideCommand(blind, words(name), writable), { action: 'run' }, name);
  });

  it('a refusal carries the read-only policy reason', async () => {
    const catalog = dangerousCatalog([]);
    const refused = await decideCommand(catalog, words('flushall'), { readOnly: true, confirmDangerous: true });
    assert.deepEqual(refused, { action: 'refuse', message: 'FLUSHALL changes data, and this connection is read-only. Turn off "read-only" in the connection settings to run it.' });
  });
});
