import assert from 'node:assert/strict';
import net from 'node:net';
import * as vscode from 'vscode';
import { Commands } from '../../src/commands';
import type { RedisSpecialistApi } from '../../src/context';
import { CONNECTION_GONE_MESSAGE } from '../../src/core/redis/connection/savedConnections';
import type { ConnectionsTreeNode } from '../../src/explorer/explorerNode';
import { adminCommand, parseInfo } from '../fixtures/redis/admin';
import { startStandalone, type RedisFixture } from '../fixtures/redis';
import { activateExtension, eventually } from './extensionApi';

/** QUIT commands the server has received. */
async function quits(server: RedisFixture): Promise<number> {
  return Number(/cmdstat_quit:calls=(\d+)/.exec(String(await adminCommand(server, ['INFO', 'commandstats'])))?.[1] ?? 0);
}

/** Clients the server has open, other than the admin connection asking. */
async function otherClients(server: RedisFixture): Promise<number> {
  return Number(parseInfo(await adminCommand(server, ['INFO', 'clients'])).connected_clients) - 1;
}

describe('connections: what is left when a connection goes away or the editor shuts down', () => {
  let api: RedisSpecialistApi;
  let redis: RedisFixture;
  /** A server that accepts connections and never answers: QUIT gets no reply from it. */
  let silent: net.Server;
  const sockets = new Set<net.Socket>();
  const ids: string[] = [];

  before(async () => {
    api = await activateExtension();
    redis = await startStandalone();
    silent = net.createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });

  after(async () => {
    for (const id of ids) if (api.connections.get(id)) await api.connections.remove(id);
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
    await redis?.stop();
  });

  async function add(name: string, port: number): Promise<string> {
    const { id } = await api.connections.add({ name, kind: 'standalone', host: '127.0.0.1', port, db: 0, connectTimeoutMs: 60_000, keyDelimiter: ':', readOnly: false });
    ids.push(id);
    return id;
  }

  it('closeAll says QUIT to every open connection and returns although one server never answers', async () => {
    const live = await add('Lifecycle live', redis.port);
    await api.connections.connect(live);
    await api.connections.client({ connection: { id: live }, db: 3 });
    assert.equal(await otherClients(redis), 2, 'the connection and its db3 client are open');
    const hanging = await add('Lifecycle silent', (silent.address() as net.AddressInfo).port);
    void api.connections.connect(hanging).catch(() => undefined);
    const quitsBefore = await quits(redis);
    await eventually(() => sockets.size > 0 || undefined, 'the silent server was reached');

    await api.connections.closeAll(2000);

    assert.equal(api.connections.state(live).status, 'disconnected');
    await eventually(async () => ((await otherClients(redis)) === 0 ? true : undefined), 'both clients of the live server closed');
    assert.equal((await quits(redis)) - quitsBefore, 2, 'each said QUIT');
  });

  it('a removed connection takes its key filter along', async () => {
    const id = await add('Lifecycle filtered', redis.port);
    const connection = api.connections.require(id);
    const dbs = (await api.tree.getChildren({ kind: 'connection', connection })) as ConnectionsTreeNode[];
    const db0 = dbs.find((n) => n.kind === 'database');
    assert.ok(db0);
    await vscode.commands.executeCommand(Commands.filterKeys, db0, { pattern: 'user:' });
    assert.equal(api.keys.filterOf({ connection, db: 0 }).text, 'user:');

    await vscode.commands.executeCommand(Commands.removeConnection, id);
    await eventually(() => (api.keys.filterOf({ connection, db: 0 }).text === undefined ? true : undefined), 'the filter forgotten');
  });

  it('a command on a connection that was removed says so in one sentence', async () => {
    const id = await add('Lifecycle removed', redis.port);
    await api.connections.remove(id);
    assert.throws(() => api.connections.require(id), { message: CONNECTION_GONE_MESSAGE });
    await assert.rejects(api.connections.connect(id), { message: CONNECTION_GONE_MESSAGE });
    await assert.rejects(api.connections.client({ connection: { id }, db: 1 }), { message: CONNECTION_GONE_MESSAGE });
  });
});
