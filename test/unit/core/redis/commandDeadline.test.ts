import assert from 'node:assert/strict';
import { deadlineFor, isNotAnswering, ServerNotAnsweringError } from '../../../../src/core/redis/connection/commandDeadline';
import { describeConnectionError } from '../../../../src/core/redis/connection/connectionErrors';

const deadlines = { commandTimeoutMs: 500, slowCommandTimeoutMs: 30_000 };
const of = (line: string): number | undefined => deadlineFor(line.split(' '), deadlines);

describe('command deadlines', () => {
  it('gives ordinary commands the command timeout and known-slow ones the slow timeout', () => {
    assert.equal(of('GET k'), 500);
    assert.equal(of('scan 0 MATCH a* COUNT 100'), 500);
    assert.equal(of('FLUSHALL'), 30_000);
    assert.equal(of('keys *'), 30_000);
    assert.equal(of('DEBUG SLEEP 2'), 30_000);
  });

  it('lets blocking commands wait their own timeout plus the command timeout as a margin', () => {
    assert.equal(of('BLPOP a b 2'), 2500);
    assert.equal(of('brpop a 0.5'), 1000);
    assert.equal(of('BLMOVE a b LEFT RIGHT 1'), 1500);
    assert.equal(of('BZPOPMIN z 3'), 3500);
    assert.equal(of('BLMPOP 2 1 a LEFT'), 2500);
    assert.equal(of('XREAD COUNT 1 BLOCK 1500 STREAMS s $'), 2000);
    assert.equal(of('XREADGROUP GROUP g c BLOCK 100 STREAMS s >'), 600);
    assert.equal(of('WAIT 1 250'), 750);
  });

  it('waits as long as it takes for timeout 0, SUBSCRIBE and MONITOR', () => {
    assert.equal(of('BLPOP a 0'), undefined);
    assert.equal(of('XREAD BLOCK 0 STREAMS s $'), undefined);
    assert.equal(of('WAIT 1 0'), undefined);
    assert.equal(of('SUBSCRIBE ch'), undefined);
    assert.equal(of('ssubscribe ch'), undefined);
    assert.equal(of('MONITOR'), undefined);
  });

  it('treats XREAD without BLOCK as an ordinary command', () => {
    assert.equal(of('XREAD STREAMS s 0'), 500);
  });

  it('is recognised through causes and translated to "the server is not answering"', () => {
    const error = new Error('Scanning failed', { cause: new ServerNotAnsweringError(300) });
    assert.ok(isNotAnswering(error));
    assert.ok(!isNotAnswering(new Error('Connection is closed.')));
    const { problem, message } = describeConnectionError([new Error('Connection is closed.'), new Error('Ready check failed: The server is not answering (no reply within 300 ms).')], { where: '10.0.0.1:6379' });
    assert.equal(problem, 'not-answering');
    assert.match(message, /^10\.0\.0\.1:6379: the server is not answering \(no reply within 300 ms\)\./);
  });
});
