import assert from 'node:assert/strict';
import { helpText } from '../../../../src/core/terminal/cliHelp';
import { decideCommand } from '../../../../src/core/terminal/cliPolicy';
import { CommandCatalog } from '../../../../src/core/terminal/commandCatalog';
import type { RespValue } from '../../../../src/core/terminal/resp';

// Builders for replies shaped like Redis 7's COMMAND and COMMAND DOCS (RESP2: maps as flat lists).
const s = (value: string): RespValue => ({ type: 'bulk', value: Buffer.from(value) });
const st = (value: string): RespValue => ({ type: 'simple', value });
const n = (value: number): RespValue => ({ type: 'integer', value: String(value) });
const arr = (...items: RespValue[]): RespValue => ({ type: 'array', items });
const map = (entries: Record<string, RespValue>): RespValue => arr(...Object.entries(entries).flatMap(([k, v]) => [s(k), v]));

function info(name: string, flags: string[], categories: string[], subcommands: RespValue[] = []): RespValue {
  return arr(s(name), n(-1), arr(...flags.map(st)), n(0), n(0), n(0), arr(...categories.map(st)), arr(), arr(), arr(...subcommands));
}
const arg = (fields: Record<string, RespValue>): RespValue => map(fields);

const COMMAND = arr(
  info('get', ['readonly', 'fast'], ['@read', '@string', '@fast']),
  info('set', ['write', 'denyoom'], ['@write', '@string', '@slow']),
  info('flushall', ['write'], ['@keyspace', '@write', '@slow', '@dangerous']),
  info('keys', ['readonly'], ['@keyspace', '@read', '@slow', '@dangerous']),
  info('info', ['loading', 'stale'], ['@slow', '@dangerous']),
  info('config', [], ['@slow'], [
    info('config|get', ['admin', 'noscript'], ['@admin', '@slow', '@dangerous']),
    info('config|set', ['admin', 'noscript'], ['@admin', '@slow', '@dangerous']),
  ]),
);

const DOCS = map({
  get: map({ summary: s('Get the value of a key'), since: s('1.0.0'), group: s('string'), arguments: arr(arg({ name: s('key'), type: s('key') })) }),
  set: map({
    summary: s('Set the string value of a key'),
    since: s('1.0.0'),
    group: s('string'),
    arguments: arr(
      arg({ name: s('key'), type: s('key') }),
      arg({ name: s('value'), type: s('string') }),
      arg({
        name: s('condition'),
        type: s('oneof'),
        flags: arr(st('optional')),
        arguments: arr(arg({ name: s('nx'), type: s('pure-token'), token: s('NX') }), arg({ name: s('xx'), type: s('pure-token'), token: s('XX') })),
      }),
      arg({
        name: s('expiration'),
        type: s('oneof'),
        flags: arr(st('optional')),
        arguments: arr(arg({ name: s('seconds'), type: s('integer'), token: s('EX') }), arg({ name: s('keepttl'), type: s('pure-token'), token: s('KEEPTTL') })),
      }),
    ),
  }),
  del: map({ summary: s('Delete a key'), group: s('generic'), arguments: arr(arg({ name: s('key'), type: s('key'), flags: arr(st('multiple')) })) }),
  config: map({
    summary: s('A container for server configuration commands'),
    group: s('server'),
    subcommands: map({
      'config|get': map({ summary: s('Get the values of configuration parameters'), group: s('server'), arguments: arr(arg({ name: s('parameter'), type: s('string'), flags: arr(st('multiple')) })) }),
      'config|set': map({ summary: s('Set configuration parameters'), group: s('server') }),
    }),
  }),
});

const catalog = CommandCatalog.fromReplies(COMMAND, DOCS);
const words = (line: string): Buffer[] => line.split(' ').map((w) => Buffer.from(w));

describe('CommandCatalog', () => {
  it('completes command names in the case being typed', () => {
    assert.deepEqual(catalog.complete('g'), ['get']);
    assert.deepEqual(catalog.complete('CON'), ['CONFIG']);
    assert.deepEqual(catalog.complete('config '), ['config get', 'config set']);
    assert.deepEqual(catalog.complete('CONFIG S'), ['CONFIG SET']);
    assert.deepEqual(catalog.complete('nope'), []);
  });

  it('renders argument syntax as redis-cli does', () => {
    assert.equal(catalog.doc('set')?.syntax, 'key value [NX|XX] [EX seconds|KEEPTTL]');
    assert.equal(catalog.doc('del')?.syntax, 'key [key ...]');
    assert.equal(catalog.doc('config get')?.syntax, 'parameter [parameter ...]');
  });

  it('finds help for a command, a container and a group', () => {
    assert.deepEqual(catalog.findHelp(['get']).map((d) => d.name), ['GET']);
    assert.deepEqual(catalog.findHelp(['CONFIG']).map((d) => d.name), ['CONFIG', 'CONFIG GET', 'CONFIG SET']);
    assert.deepEqual(catalog.findHelp(['@string']).map((d) => d.name), ['GET', 'SET']);
    assert.match(helpText(catalog, ['set']), /SET.*key value \[NX\|XX\].*\n.*summary:.*Set the string value of a key/);
    assert.match(helpText(catalog, ['bogus']), /No command or group "bogus"/);
  });

  it('still completes names when the server has no COMMAND DOCS (before 7.0)', () => {
    const old = CommandCatalog.fromReplies(COMMAND, { type: 'error', value: 'ERR unknown subcommand' });
    assert.deepEqual(old.complete('fl'), ['flushall']);
  });
});

describe('decideCommand', () => {
  const writable = { readOnly: false, confirmDangerous: true };
  const readOnly = { readOnly: true, confirmDangerous: true };

  it('runs ordinary commands', async () => {
    assert.deepEqual(await decideCommand(catalog, words('get a'), writable), { action: 'run' });
    assert.deepEqual(await decideCommand(catalog, words('set a b'), writable), { action: 'run' });
  });

  it('asks before @dangerous commands, but not before reports such as INFO and CONFIG GET', async () => {
    assert.equal((await decideCommand(catalog, words('flushall'), writable)).action, 'confirm');
    assert.equal((await decideCommand(catalog, words('KEYS *'), writable)).action, 'confirm');
    assert.equal((await decideCommand(catalog, words('config set maxmemory 1'), writable)).action, 'confirm');
    assert.equal((await decideCommand(catalog, words('info'), writable)).action, 'run');
    assert.equal((await decideCommand(catalog, words('config get maxmemory'), writable)).action, 'run');
    assert.equal((await decideCommand(catalog, words('flushall'), { readOnly: false, confirmDangerous: false })).action, 'run');
  });

  it('refuses writes and admin commands on read-only connections', async () => {
    assert.equal((await decideCommand(catalog, words('set a b'), readOnly)).action, 'refuse');
    assert.equal((await decideCommand(catalog, words('flushall'), readOnly)).action, 'refuse');
    assert.equal((await decideCommand(catalog, words('config set maxmemory 1'), readOnly)).action, 'refuse');
    assert.equal((await decideCommand(catalog, words('unknowncmd'), readOnly)).action, 'refuse');
    assert.deepEqual(await decideCommand(catalog, words('get a'), readOnly), { action: 'run' });
  });

  it('refuses everything on a read-only connection whose server hides COMMAND', async () => {
    const blind = CommandCatalog.fromReplies({ type: 'error', value: 'NOPERM' }, undefined);
    assert.equal((await decideCommand(blind, words('get a'), readOnly)).action, 'refuse');
    assert.equal((await decideCommand(blind, words('get a'), writable)).action, 'run');
    assert.equal((await decideCommand(blind, words('FLUSHDB'), writable)).action, 'confirm');
  });
});
