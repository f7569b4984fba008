import assert from 'node:assert/strict';
import { analysedServer, connectionIdOf, ResumeStore, resumeKey } from '../../../../src/core/liveAnalysis/resumeStore';
import type { ConnectionConfig } from '../../../../src/core/redis/connection/connectionConfig';
import { checkpointMismatch, cursorsAfter, resumeLabel, runIdOf } from '../../../../src/core/liveAnalysis/scanCheckpoint';
import { WALK_DONE, type NodeReport } from '../../../../src/core/redis/cluster/nodeWalks';

describe('ResumeStore', () => {
  it('keeps a state until taken, per analysis key, and forgets it after the maximum age', () => {
    let now = 1000;
    const store = new ResumeStore<string>(60_000, () => now);
    const key = resumeKey('c1', 'memory', 0, 'user:');
    store.save(key, 'state');
    store.save(resumeKey('c1', 'patterns', 0), 'other');
    assert.equal(store.peek(resumeKey('c1', 'memory', 0, 'session:')), undefined);
    assert.equal(store.peek(key), 'state');
    assert.equal(store.take(key), 'state');
    assert.equal(store.peek(key), undefined, 'a resumed run owns the state');
    now += 60_001;
    assert.equal(store.peek(resumeKey('c1', 'patterns', 0)), undefined, 'expired');
  });

  it('drops every state of one connection, not of others sharing an id prefix', () => {
    const store = new ResumeStore<number>();
    store.save(resumeKey('c1', 'patterns', 0), 1);
    store.save(resumeKey('c1', 'memory', 2, ''), 2);
    store.save(resumeKey('c10', 'patterns', 0), 3);
    store.discardConnection('c1');
    assert.equal(store.peek(resumeKey('c1', 'patterns', 0)), undefined);
    assert.equal(store.peek(resumeKey('c1', 'memory', 2, '')), undefined);
    assert.equal(store.peek(resumeKey('c10', 'patterns', 0)), 3);
  });
});

describe('ResumeStore: a state never outlives its connection\'s server', () => {
  const base: ConnectionConfig = { id: 'c1', name: 'staging', kind: 'standalone', host: '10.0.0.5', port: 6379, db: 0, connectTimeoutMs: 10_000, keyDelimiter: ':', readOnly: false };

  it('a state is for the server its connection pointed at when it was saved', () => {
    const store = new ResumeStore<string>();
    const key = resumeKey('c1', 'patterns', 0);
    store.save(key, 'cursor 42', analysedServer(base));
    assert.equal(store.peek(key, analysedServer({ ...base, name: 'renamed', readOnly: true, color: 'red', maxScansPerSecond: 5 })), 'cursor 42', 'name, read-only and ceilings do not change the server');
    assert.equal(store.peek(key, analysedServer({ ...base, port: 6380 })), undefined, 'another port: dropped');
    assert.equal(store.peek(key, analysedServer(base)), undefined, 'and gone for good');
    store.save(key, 'cursor 7', analysedServer(base));
    assert.equal(store.take(key, analysedServer({ ...base, db: 3 })), undefined, 'another database');
    assert.equal(store.size, 0);
  });

  it('retainServers drops the states of removed connections and of connections now pointing elsewhere', () => {
    const store = new ResumeStore<number>();
    const configs = new Map<string, ConnectionConfig>([
      ['c1', base],
      ['c2', { ...base, id: 'c2', host: '10.0.0.6' }],
      ['c3', { ...base, id: 'c3', kind: 'sentinel', sentinels: [{ host: 's1', port: 26379 }, { host: 's2', port: 26379 }], masterName: 'mymaster' }],
      ['c4', { ...base, id: 'c4' }],
    ]);
    for (const [id, config] of configs) store.save(resumeKey(id, 'memory', config.db, ''), Number(id.slice(1)), analysedServer(config));
    const server = (id: string): string | undefined => (configs.has(id) ? analysedServer(configs.get(id) as ConnectionConfig) : undefined);
    store.retainServers(server);
    assert.equal(store.size, 4, 'nothing changed: everything kept');

    configs.delete('c1'); // removed
    configs.set('c2', { ...(configs.get('c2') as ConnectionConfig), host: '10.0.0.7' }); // another host
    configs.set('c3', { ...(configs.get('c3') as ConnectionConfig), sentinels: [{ host: 's2', port: 26379 }, { host: 's1', port: 26379 }], name: 'x' }); // same sentinels, reordered
    configs.set('c4', { ...(configs.get('c4') as ConnectionConfig), ssh: { host: 'bastion' } }); // now through SSH
    store.retainServers(server);
    assert.equal(store.peek(resumeKey('c1', 'memory', 0, '')), undefined);
    assert.equal(store.peek(resumeKey('c2', 'memory', 0, '')), undefined);
    assert.equal(store.peek(resumeKey('c3', 'memory', 0, '')), 3);
    assert.equal(store.peek(resumeKey('c4', 'memory', 0, '')), undefined);
  });

  it('tells every part of a connection that decides which keys a cursor walks', () => {
    const differs = (change: Partial<ConnectionConfig>): boolean => analysedServer(base) !== analysedServer({ ...base, ...change });
    for (const change of [{ host: 'other' }, { port: 1 }, { db: 1 }, { socket: '/tmp/redis.sock' }, { kind: 'cluster' as const }, { ssh: { host: 'jump' } }]) assert.ok(differs(change), JSON.stringify(change));
    const sentinel = { ...base, kind: 'sentinel' as const, sentinels: [{ host: 's1', port: 26379 }], masterName: 'a' };
    assert.notEqual(analysedServer(sentinel), analysedServer({ ...sentinel, masterName: 'b' }));
    assert.notEqual(analysedServer(sentinel), analysedServer({ ...sentinel, sentinels: [{ host: 's9', port: 26379 }] }));
    assert.equal(connectionIdOf(resumeKey('c10', 'patterns', 0)), 'c10');
  });
});

describe('scan checkpoints', () => {
  const a = 'a'.repeat(40);
  const b = 'b'.repeat(40);

  it('reads run_id from INFO server', () => {
    assert.equal(runIdOf(`# Server\r\nredis_version:7.2.4\r\nrun_id:${a}\r\ntcp_port:6379\r\n`), a);
    assert.equal(runIdOf('# Server\r\nredis_version:7.2.4\r\n'), '');
  });

  it('accepts the same processes, and names a restart, a changed node set or an unreadable run_id', () => {
    const saved = new Map([['10.0.0.1:7000', a], ['10.0.0.2:7000', b]]);
    assert.equal(checkpointMismatch(saved, new Map([['10.0.0.2:7000', b], ['10.0.0.1:7000', a]])), undefined);
    assert.equal(checkpointMismatch(saved, new Map([['10.0.0.1:7000', a], ['10.0.0.2:7000', 'c'.repeat(40)]])), '10.0.0.2:7000 restarted since the analysis stopped (new run_id), so it starts over.');
    assert.match(checkpointMismatch(saved, new Map([['10.0.0.1:7000', a], ['10.0.0.3:7000', b]])) ?? '', /^The node set changed since the analysis stopped \(10\.0\.0\.1:7000, 10\.0\.0\.2:7000 → 10\.0\.0\.1:7000, 10\.0\.0\.3:7000\)/);
    assert.match(checkpointMismatch(saved, new Map([['10.0.0.1:7000', a], ['10.0.0.2:7000', '']])) ?? '', /run_id of 10\.0\.0\.2:7000 cannot be read/);
  });

  it('continues each node from the cursor after its last applied page; done only once the final page was applied', () => {
    const reports: NodeReport[] = [
      { node: 'n1', done: 10, state: 'done' },
      { node: 'n2', done: 10, state: 'done' },
      { node: 'n3', done: 0, state: 'stopped' },
      { node: 'n4', done: 0, state: 'done' },
      { node: 'n5', done: 0, state: 'failed' },
    ];
    const applied = new Map([['n1', '0'], ['n2', '448']]);
    const from = new Map([['n3', '96'], ['n4', WALK_DONE], ['n5', '0']]);
    assert.deepEqual(Object.fromEntries(cursorsAfter(reports, applied, from)), { n1: WALK_DONE, n2: '448', n3: '96', n4: WALK_DONE, n5: '0' });
  });

  it('labels the resume with the keys done and the share of DBSIZE, never 100%', () => {
    const format = (n: number): string => n.toLocaleString('en-US');
    assert.equal(resumeLabel({ keysDone: 12_345, keysExpected: 30_000 }, format), 'Resume (12,345 keys done, ~41%)');
    assert.equal(resumeLabel({ keysDone: 30_000, keysExpected: 30_000 }, format), 'Resume (30,000 keys done, ~99%)');
    assert.equal(resumeLabel({ keysDone: 5, keysExpected: 0 }, format), 'Resume (5 keys done)');
  });
});
