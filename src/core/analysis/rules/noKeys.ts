import { coversWholeCluster } from '../clients/packages';
import { scanRewriteFix } from '../fixes/scanIdiom';
import type { Rule } from './ruleTypes';

export const noKeys: Rule = {
  meta: {
    id: 'no-keys',
    title: 'Do not use KEYS in application code',
    why: 'KEYS walks the whole keyspace in one call and blocks the single-threaded server; Redis says not to use it in application code, and some managed services disable it.',
    defaultSeverity: 'warning',
    testSeverity: 'info',
    fixable: true,
    fixAllSafe: false,
  },
  check(ctx) {
    for (const call of ctx.calls) {
      if (call.command !== 'keys') continue;
      // KEYS on a Cluster client is reported (with a per-master fix) by keys-on-cluster; Valkey GLIDE's reaches every primary.
      if (call.client.kind?.topology === 'cluster' && !coversWholeCluster(call.client.kind)) continue;
      const fix = scanRewriteFix(call, { text: ctx.text, isTypeScript: ctx.isTypeScript, nodeRedisMajor: ctx.options.nodeRedisMajor });
      ctx.report({
        span: call.report,
        confidence: call.client.confidence,
        message: 'KEYS scans the whole keyspace in one blocking call; iterate with SCAN instead.',
        fixes: fix ? [fix] : [],
      });
    }
  },
};
