import assert from 'node:assert/strict';
import { Cluster } from 'ioredis';
import type { RedisSpecialistApi } from '../../src/context';
import type { ConnectionsTreeNode, KeyTreeNode } from '../../src/explorer/explorerNode';
import { startCluster, startSentinel, startTls, type ClusterFixture, type SentinelFixture, type TlsFixture } from '../fixtures/redis';
import { activateExtension } from './extensionApi';

type AnyNode = ConnectionsTreeNode | KeyTreeNode;

describe('connections view on TLS, Sentinel and Cluster', function () {
  this.timeout(120_000);
  let api: RedisSpecialistApi;
  let tls: TlsFixture;
  let sentinel: SentinelFixture;
  let cluster: ClusterFixture;
  const ids: string[] = [];

  before(async () => {
    api = await activateExtension();
    [tls, sentinel, cluster] = await Promise.all([startTls({ requireClientCert: true }), startSentinel(), startCluster()]);
  });

  after(async () => {
    for (const id of ids) await api.connections.remove(id);
    await Promise.all([tls?.stop(), sentinel?.stop(), cluster?.stop()]);
  });

  async function databases(id: string): Promise<AnyNode[]> {
    const connection = api.connections.get(id);
    assert.ok(connection);
    return api.tree.getChildren({ kind: 'connection', connection });
  }

  it('connects over TLS with a CA and a client certificate', async () => {
    const saved = await api.connections.save({
      name: 'TLS fixture', kind: 'standalone', host: tls.host, port: tls.port, db: 0, connectTimeoutMs: 5000, keyDelimiter: ':', readOnly: false,
      tls: { caFile: tls.caFile, certFile: tls.certFile, keyFile: tls.keyFile, serverName: tls.serverName },
    });
    ids.push(saved.id);
    const dbs = await databases(saved.id);
    assert.equal(dbs[0].kind, 'database', JSON.stringify(dbs));
    assert.equal(api.manager.state(saved.id).status, 'connected');
  });

  it('explains a TLS connection without the client certificate', async () => {
    const saved = await api.connections.save({
      name: 'TLS without cert', kind: 'standalone', host: tls.host, port: tls.port, db: 0, connectTimeoutMs: 3000, keyDelimiter: ':', readOnly: false,
      tls: { caFile: tls.caFile, serverName: tls.serverName },
    });
    ids.push(saved.id);
    const [node] = await databases(saved.id);
    assert.equal(node.kind, 'message');
    assert.match((node as { text: string }).text, /certificate/i);
  });

  it('follows the Sentinel master and lists its databases', async () => {
    const saved = await api.connections.save({
      name: 'Sentinel fixture', kind: 'sentinel', host: sentinel.sentinels[0].host, port: sentinel.sentinels[0].port, sentinels: sentinel.sentinels,
      masterName: sentinel.masterName, db: 0, connectTimeoutMs: 5000, keyDelimiter: ':', readOnly: false,
    });
    ids.push(saved.id);
    const dbs = await databases(saved.id);
    assert.equal(dbs[0].kind, 'database', JSON.stringify(dbs));
    assert.equal(api.manager.state(saved.id).role, 'master');
  });

  it('browses keys from every Cluster master under db0', async () => {
    const seeder = new Cluster(cluster.nodes.slice(0, 1));
    for (let i = 0; i < 60; i++) await seeder.set(`c:${i}`, String(i));
    seeder.disconnect();
    const saved = await api.connections.save({
      name: 'Cluster fixture', kind: 'cluster', host: cluster.nodes[0].host, port: cluster.nodes[0].port, clusterNodes: cluster.nodes.slice(0, 1),
      db: 0, connectTimeoutMs: 5000, keyDelimiter: ':', readOnly: false,
    });
    ids.push(saved.id);
    const dbs = await databases(saved.id);
    assert.equal(dbs.length, 1);
    const db0 = dbs[0];
    assert.ok(db0.kind === 'database' && db0.database.keys === 60, JSON.stringify(db0));
    const top = (await api.tree.getChildren(db0)) as AnyNode[];
    const folder = top.find((n) => n.kind === 'folder') as KeyTreeNode;
    const item = await api.tree.getTreeItem(folder);
    assert.equal(item.description, '60');
  });
});

