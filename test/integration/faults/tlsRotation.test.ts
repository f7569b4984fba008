import assert from 'node:assert/strict';
import type Redis from 'ioredis';
import { CliSession } from '../../../src/core/terminal/cliSession';
import { cliTargetFor } from '../../../src/core/terminal/cliTarget';
import { logProblemsOnce } from '../../../src/core/redis/connection/clientEvents';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { describeConnectionError } from '../../../src/core/redis/connection/connectionErrors';
import { KeyspaceBrowser } from '../../../src/core/redis/keyspace/keyspaceBrowser';
import { startTls, type TlsFixture } from '../../fixtures/redis';
import { adminCommand } from '../../fixtures/redis/admin';
import { freshTlsMaterial, type TlsMaterial } from '../../fixtures/redis/tlsCertificates';
import { waitFor } from '../../fixtures/redis/wait';
import { plain } from '../terminal/cliHarness';
import { configFor } from '../keys/connectionConfigs';
import { injectFault } from './faultLedger';

const DEADLINES = { commandTimeoutMs: 300, slowCommandTimeoutMs: 600 };

describe('faults: the server certificate is rotated to another CA mid-session', () => {
  let server: TlsFixture;
  let rotated: TlsMaterial;
  const clients: RedisClient[] = [];
  const configWith = (caFile: string): ReturnType<typeof configFor> => configFor(server, { tls: { caFile }, connectTimeoutMs: 500 });

  before(async () => {
    server = await startTls();
    rotated = await freshTlsMaterial();
  });
  after(async () => {
    for (const client of clients) client.disconnect();
    await server?.stop();
  });

  it('says the certificate is not trusted (once in the log, not per retry), and connects again with the new CA', async () => {
    const fault = injectFault('tree', 'TLS CA rotation');
    const logged: string[] = [];
    const client = createRedisClient(configWith(server.caFile), {}, { reconnect: true, lazyConnect: true, deadlines: DEADLINES });
    clients.push(client);
    logProblemsOnce(client, (line) => logged.push(line), (error) => describeConnectionError(error, { config: configWith(server.caFile) }).message);
    await client.connect();
    await (client as Redis).set('k:1', 'v');

    // What a restart with new certificates does: new certificate and CA, every connection dropped.
    await adminCommand(server, ['CONFIG', 'SET', 'tls-cert-file', rotated.serverCertFile, 'tls-key-file', rotated.serverKeyFile, 'tls-ca-cert-file', rotated.caFile], { tls: { ca: server.ca } });
    await adminCommand(server, ['CLIENT', 'KILL', 'TYPE', 'normal'], { tls: { ca: rotated.ca } }).catch(() => undefined);

    await waitFor('the rejected reconnects to be logged', () => Promise.resolve(logged.some((l) => /not trusted/.test(l)) ? true : logged.join(' | ') || 'nothing logged'), 10_000, 100);
    // Reconnect attempts go on (200 ms, 400 ms, 800 ms…): the log keeps one line.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(logged.filter((l) => /not trusted/.test(l)).length, 1, logged.join('\n'));
    const browse = await new KeyspaceBrowser(client, { delimiter: ':' }).loadMore(Buffer.alloc(0)).then(
      () => 'loaded',
      (error: Error) => error.message,
    );
    assert.match(browse, /connection .* was lost|not answering|not trusted/);

    // The user points the connection at the new CA: it connects and reads.
    const updated = createRedisClient(configWith(rotated.caFile), {}, { lazyConnect: true, deadlines: DEADLINES });
    clients.push(updated);
    updated.on('error', () => undefined);
    await updated.connect();
    assert.equal(await (updated as Redis).get('k:1'), 'v');
    fault.survived();
  });

  it('a CLI terminal gets a clear TLS error with the old CA and works with the new one', async () => {
    const fault = injectFault('cli', 'TLS CA rotation');
    const open = async (caFile: string): Promise<{ session: CliSession; output: () => string }> => {
      let text = '';
      const session = new CliSession({ target: cliTargetFor(configWith(caFile), {}, DEADLINES), write: (t) => (text += t) });
      await session.start();
      return { session, output: () => plain(text) };
    };
    const stale = await open(server.caFile);
    stale.session.close();
    assert.match(stale.output(), /Could not connect to Redis at 127\.0\.0\.1:\d+: .*(certificate|self.signed)/i);
    const fresh = await open(rotated.caFile);
    fresh.session.handleInput('get k:1\r');
    await fresh.session.whenIdle();
    fresh.session.close();
    assert.match(fresh.output(), /"v"/);
    fault.survived();
  });
});
