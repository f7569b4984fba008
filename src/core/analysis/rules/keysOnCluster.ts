import { scanRewriteFix } from '../fixes/scanIdiom';
import type { Rule } from './ruleTypes';

const SINGLE_NODE_SCANS = new Set(['scan', 'scanstream', 'scaniterator']);

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
      if (call.client.kind?.topology !== 'cluster' || call.client.via !== 'client') continue;
      if (call.command === 'keys') {
        const fix = scanRewriteFix(call, { text: ctx.text, isTypeScript: ctx.isTypeScript, nodeRedisMajor: ctx.options.nodeRedisMajor });
        ctx.report({
          span: call.report,
          confidence: call.client.confidence,
          message: 'On a Cluster client KEYS runs on one node only, so the result is silently incomplete; scan every master instead.',
          fixes: fix ? [fix] : [],
        });
      } else if (SINGLE_NODE_SCANS.has(call.command) && call.form === 'method') {
        ctx.report({
          span: call.report,
          confidence: call.client.confidence,
          message: 'A single SCAN on a Cluster client covers one node only; run it on every master (cluster.nodes("master") / cluster.masters).',
        });
      }
    }
  },
};
