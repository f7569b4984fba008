import assert from 'node:assert/strict';
import { Cached, CONNECTION_GONE_MESSAGE, ConnectionGoneError, mergeSavedConnections } from '../../../../src/core/redis/connection/savedConnections';

describe('saved connections: one normalised list from every settings scope', () => {
  it('later scopes override earlier ones by id and keep the first position', () => {
    const problems: string[] = [];
    const list = mergeSavedConnections(
      [
        [{ id: 'a', name: 'User A', port: 6379 }, { id: 'b', name: 'User B' }],
        [{ id: 'a', name: 'Workspace A', port: 6380 }],
      ],
      (p) => problems.push(p),
    );
    assert.deepEqual(list.map((c) => [c.id, c.name, c.port]), [['a', 'Workspace A', 6380], ['b', 'User B', 6379]]);
    assert.deepEqual(problems, []);
  });

  it('reports each malformed entry once and skips it', () => {
    const problems: string[] = [];
    const list = mergeSavedConnections([[{ name: 'no id' }, 'text', { id: 'c', name: 'C', port: 70000 }, { id: 'ok', name: 'OK' }]], (p) => problems.push(p));
    assert.deepEqual(list.map((c) => c.id), ['ok']);
    assert.equal(problems.length, 3);
    assert.match(problems[0], /^Ignoring a connection in settings: .*"id"/);
    assert.match(problems[2], /port 70000 is out of range/);
  });
});

describe('Cached: computed on first use, kept until invalidated', () => {
  it('computes once per invalidation', () => {
    let runs = 0;
    const cached = new Cached(() => ++runs);
    assert.equal(cached.get(), 1);
    assert.equal(cached.get(), 1);
    cached.invalidate();
    assert.equal(runs, 1, 'invalidating does not compute');
    assert.equal(cached.get(), 2);
  });

  it('keeps a falsy value instead of computing it again', () => {
    let runs = 0;
    const cached = new Cached(() => (runs++, undefined));
    cached.get();
    cached.get();
    assert.equal(runs, 1);
  });
});

describe('ConnectionGoneError', () => {
  it('says the one sentence every feature uses', () => {
    const error = new ConnectionGoneError();
    assert.equal(error.message, CONNECTION_GONE_MESSAGE);
    assert.match(error.message, /redisSpecialist\.connections/);
  });
});
