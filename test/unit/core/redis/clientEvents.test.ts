import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { logProblemsOnce } from '../../../../src/core/redis/connection/clientEvents';

describe('logProblemsOnce', () => {
  it('logs the first error of an outage once, however the retries word it, then the recovery once', () => {
    const client = new Redis({ lazyConnect: true });
    const lines: string[] = [];
    logProblemsOnce(client, (line) => lines.push(line), (error) => (error as Error).message);
    const refused = new Error('connect ECONNREFUSED 127.0.0.1:6379');
    const closed = new Error('Connection is closed.');
    // A retry loop words the same outage several ways: only the first is logged.
    for (let i = 0; i < 5; i++) {
      client.emit('error', refused);
      client.emit('error', closed);
    }
    client.emit('error', new Error('WRONGPASS invalid username-password pair'));
    client.emit('ready');
    client.emit('ready');
    client.emit('error', refused);
    assert.deepEqual(lines, ['connect ECONNREFUSED 127.0.0.1:6379', 'connection restored', 'connect ECONNREFUSED 127.0.0.1:6379']);
    client.disconnect();
  });
});
