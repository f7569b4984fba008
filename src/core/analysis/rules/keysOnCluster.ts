import { coversWholeCluster } from '../clients/packages';
import { SCAN_COMMANDS } from '../extract/commands';
import { scanRewriteFix } from '../fixes/scanIdiom';
import type { Rule } from './ruleTypes';

/** Scan helpers of the standalone client that the family's cluster client lacks. */
const STANDALONE_HELPERS: Record<string, string> = { 'node-redis': 'scaniterator', ioredis: 'scanstream' };

export const keysOnCluster: Rule = {
  meta: {
    id: 'keys-on-cluster',
    title: 'KEYS or a single SCAN on a Cluster client',
    why: 'Key-less commands go to one node of a cluster, so KEYS or one SCAN loop silently sees only part of the keyspace.',
    defaultSeverity: 'error',
    testSeverity: 'warning',
    fixable: true,
    fixAllSafe: false,
  },
  check(ctx) {
    for (const call of ctx.calls) {
      // Valkey GLIDE routes KEYS to every primary and scans a cluster whole (ClusterScanCursor).
      if (coversWholeCluster(call.client.kind)) continue;
      // `Redis | Cluster`, or a Cluster in one branch: KEYS is no-keys' finding; a lone SCAN misses nodes only then.
      // The cluster types have no scan helper (node-redis scanIterator, ioredis scanStream): TypeScript code calling one on
      // `RedisClientType | RedisClusterType` or `Redis | Cluster` has narrowed to the standalone client there (not so an `any`).
      const standaloneOnly = ctx.isTypeScript && !!call.client.kind?.unionTyped && STANDALONE_HELPERS[call.client.kind.family] === call.method.toLowerCase();
      if (call.client.kind?.orCluster && call.client.via === 'client' && SCAN_COMMANDS.has(call.command) && call.form === 'method' && !standaloneOnly) {
        ctx.report({
          span: call.report,
          confidence: call.client.confidence,
          message: 'This client is a Cluster on another path, and there a single SCAN covers one node only; when it is one, run the scan on every master (cluster.nodes("master") / cluster.masters).',
          severityCap: 'warning',
        });
        continue;
      }
      if (call.client.kind?.topology !== 'cluster' || call.client.via !== 'client') continue;
      if (call.command === 'keys') {
        const fix = scanRewriteFix(call, { text: ctx.text, isTypeScript: ctx.isTypeScript, nodeRedisMajor: ctx.options.nodeRedisMajor });
        ctx.report({
          span: call.report,
          confidence: call.client.confidence,
          message: 'On a Cluster client KEYS runs on one node only, so the result is silently incomplete; scan every master instead.',
          fixes: fix ? [fix] : [],
        });
      } else if (SCAN_COMMANDS.has(call.command) && call.form === 'method') {
        ctx.report({
          span: call.report,
          confidence: call.client.confidence,
          message: 'A single SCAN on a Cluster client covers one node only; run it on every master (cluster.nodes("master") / cluster.masters).',
        });
      }
    }
  },
};
