import assert from 'node:assert/strict';
import { ResumeStore, resumeKey } from '../../../../src/core/liveAnalysis/resumeStore';
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
