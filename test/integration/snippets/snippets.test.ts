// Proof that every shipped pattern snippet is correct: its default text type-checks strictly against the real
// ioredis / redis types, loads as a module, and keeps the invariant of PATTERNS.md on a real redis-server
// (with many parallel connections, and killed consumers, where the pattern is about that).
import assert from 'node:assert/strict';
import Redis, { Cluster } from 'ioredis';
import { PATTERNS, SNIPPET_CLIENTS } from '../../../src/core/snippets/catalog';
import { startCluster, startStandalone, type ClusterFixture, type RedisFixture } from '../../fixtures/redis';
import { clientKit, type ClientKit, type SnippetConnection } from './harness/clients';
import type { ProofContext } from './harness/proof';
import { SnippetWorkspace, type ExpandedSnippet } from './harness/snippetWorkspace';
import { PROOFS } from './proofs';

describe('pattern snippets', function () {
  let workspace: SnippetWorkspace;
  let server: RedisFixture;
  let admin: Redis;
  let clusterFixture: Promise<ClusterFixture> | undefined;
  const clusterAdmins: Cluster[] = [];
  const expanded = new Map<string, ExpandedSnippet>();

  before(async () => {
    workspace = SnippetWorkspace.create();
    for (const pattern of PATTERNS) {
      for (const client of SNIPPET_CLIENTS) expanded.set(`${pattern.id}.${client}`, workspace.expand(pattern, client));
    }
    server = await startStandalone();
    admin = new Redis({ host: server.host, port: server.port });
  });

  after(async () => {
    admin?.disconnect();
    for (const cluster of clusterAdmins) cluster.disconnect();
    await server?.stop();
    if (clusterFixture) await (await clusterFixture).stop();
    workspace?.dispose();
  });

  it('every catalogue pattern has a proof, and every proof a catalogue pattern', () => {
    assert.deepEqual(Object.keys(PROOFS).sort(), PATTERNS.map((pattern) => pattern.id).sort());
    for (const [id, proof] of Object.entries(PROOFS)) assert.ok(Object.keys(proof.checks).length > 0, `${id} proves something`);
  });

  for (const pattern of PATTERNS) {
    for (const client of SNIPPET_CLIENTS) {
      describe(`${pattern.prefixes[client]}`, () => {
        const snippet = (): ExpandedSnippet => expanded.get(`${pattern.id}.${client}`) as ExpandedSnippet;

        it('type-checks strictly against the real client type definitions', function () {
          this.timeout(180_000); // the first node-redis check builds the shared program
          assert.deepEqual(workspace.typeErrors(snippet()), []);
        });

        const proof = PROOFS[pattern.id];
        if (!proof) {
          it('has a proof', () => assert.fail(`no proof for pattern "${pattern.id}" in test/integration/snippets/proofs`));
          return;
        }
        for (const [name, check] of Object.entries(proof.checks)) {
          it(name, async () => {
            const kit = clientKit(client);
            await admin.flushall();
            try {
              await check(makeContext(kit, workspace.load<Record<string, unknown>>(snippet())));
            } finally {
              kit.closeAll();
            }
          });
        }
      });
    }
  }

  async function flushNode(host: string, port: number): Promise<void> {
    const node = new Redis({ host, port });
    try {
      await node.flushall();
    } finally {
      node.disconnect();
    }
  }

  function makeContext(kit: ClientKit, module: Record<string, unknown>): ProofContext {
    return {
      client: kit.client,
      module,
      server,
      admin,
      connect: () => kit.connect(server),
      connectMany: (count) => Promise.all(Array.from({ length: count }, () => kit.connect(server))),
      kill: (connection: SnippetConnection) => kit.kill(connection),
      cluster: async () => {
        clusterFixture ??= startCluster({ masters: 3 });
        const fixture = await clusterFixture;
        const clusterAdmin = new Cluster(fixture.masters);
        clusterAdmins.push(clusterAdmin);
        await Promise.all(fixture.masters.map((node) => flushNode(node.host, node.port)));
        return { fixture, connection: await kit.connectCluster(fixture.masters), admin: clusterAdmin };
      },
    };
  }
});
