/**
 * The `no-keys` / `keys-on-cluster` rewrite: KEYS → the client's SCAN idiom (RULES.md, "The SCAN
 * idiom per client"). Results are collected into a Set because SCAN may return a key twice;
 * KEYS-then-DEL becomes UNLINK per batch. Only statements that can be replaced whole are rewritten.
 */
import type { CallFact, ClientKind, Span } from '../extract/facts';
import type { DraftFix } from '../rules/ruleTypes';
import { indentLines, indentUnit, replaceSpan, uniqueName } from './textEdits';
import type { NodeRedisMajor } from '../types';

export interface ScanFixContext {
  text: string;
  isTypeScript: boolean;
  nodeRedisMajor: NodeRedisMajor | null;
}

interface Names {
  batch: string;
  key: string;
  node: string;
  cursor: string;
  next: string;
}

const SIMPLE_RECEIVER = /^(?:this\.)?[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;

export function scanRewriteFix(call: CallFact, ctx: ScanFixContext): DraftFix | null {
  const kind = call.client.kind;
  const shape = call.shape;
  const pattern = call.args[0];
  const receiver = call.client.receiverText.trim();
  // keysBuffer returns Buffers, which a Set cannot de-duplicate; a promisified keysAsync has no SCAN idiom of its
  // own (the client's scan takes a callback); a computed receiver may have side effects.
  if (!kind || !shape || !pattern || pattern.kind === 'spread' || call.args.length !== 1 || /(?:buffer|async)$/i.test(call.method)) return null;
  if (!SIMPLE_RECEIVER.test(receiver) || call.client.via !== 'client') return null;
  if (kind.topology !== 'standalone' && kind.topology !== 'cluster') return null;
  if (kind.family === 'node-redis' && ctx.nodeRedisMajor === 3) return null; // v2/v3: SCAN takes a callback
  if (kind.family === 'bun' || kind.family === 'glide') return null; // no SCAN iterator to write the loop with
  const scopeText = call.scope ? ctx.text.slice(call.scope.start.offset, call.scope.end.offset) : ctx.text;
  const avoid = `${scopeText}\n${pattern.text}`;
  const names: Names = {
    batch: uniqueName('batch', avoid),
    key: uniqueName('key', avoid),
    node: uniqueName('node', avoid),
    cursor: uniqueName('cursor', avoid),
    next: uniqueName('nextCursor', avoid),
  };
  const unit = indentUnit(ctx.text);
  const gen = new ScanWriter(kind, receiver, pattern.text, names, unit, ctx);
  let lines: string[];
  let span: Span = shape.statement;
  let title = 'Rewrite KEYS as a SCAN loop';
  if (call.followUpDelete && shape.kind === 'declaration') {
    lines = gen.deletePerBatch();
    span = { start: shape.statement.start, end: call.followUpDelete.statement.end };
    title = 'Rewrite KEYS-then-DEL as SCAN + UNLINK per batch';
  } else {
    const base = shape.kind === 'declaration' ? shape.name : 'keys';
    const seen = uniqueName(`${base.replace(/[^\w$]/g, '')}Seen`, avoid);
    const collect = [`const ${seen} = new Set${ctx.isTypeScript ? '<string>' : ''}();`, ...gen.collectInto(seen)];
    switch (shape.kind) {
      case 'declaration':
        lines = [...collect, `${shape.keyword} ${shape.name}${shape.typeText ? `: ${shape.typeText}` : ''} = [...${seen}];`];
        break;
      case 'assignment':
        lines = wrapUnlessInBlock([...collect, `${shape.target} = [...${seen}];`], shape.inBlock, unit);
        break;
      case 'return':
        lines = wrapUnlessInBlock([...collect, `return [...${seen}];`], shape.inBlock, unit);
        break;
      case 'for-of': {
        const body = ctx.text.slice(shape.body.start.offset, shape.body.end.offset);
        lines = wrapUnlessInBlock([...collect, `for (${shape.keyword} ${shape.binding} of ${seen}) ${body}`], shape.inBlock, unit);
        break;
      }
    }
  }
  return {
    title: `${title} (review: SCAN is not a snapshot)`,
    edits: [replaceSpan(span, indentLines(lines, ctx.text, span.start.offset))],
    isPreferred: true,
    needsReview: true,
  };
}

function wrapUnlessInBlock(lines: string[], inBlock: boolean, unit: string): string[] {
  return inBlock ? lines : ['{', ...lines.map((l) => unit + l), '}'];
}

/** Writes loops for one client kind. Lines are relative to the statement's indentation. */
class ScanWriter {
  constructor(
    private readonly kind: ClientKind,
    private readonly receiver: string,
    private readonly pattern: string,
    private readonly n: Names,
    private readonly unit: string,
    private readonly ctx: ScanFixContext,
  ) {}

  /** Lines that add every matching key to the Set named `seen`. */
  collectInto(seen: string): string[] {
    return this.eachBatch((batch, single) =>
      single ? [`${seen}.add(${single});`] : [`for (const ${this.n.key} of ${batch}) ${seen}.add(${this.n.key});`],
    );
  }

  /** Lines that UNLINK every matching key, one batch at a time. */
  deletePerBatch(): string[] {
    const { family, topology } = this.kind;
    const r = this.receiver;
    return this.eachBatch((batch, single) => {
      if (single) return [`await ${r}.unlink(${single});`];
      // A batch from one node can span hash slots: unlink key by key through the cluster client.
      if (topology === 'cluster') return [`for (const ${this.n.key} of ${batch}) await ${r}.unlink(${this.n.key});`];
      return [`if (${batch}.length > 0) await ${r}.unlink(${family === 'node-redis' ? batch : `...${batch}`});`];
    });
  }

  /**
   * Loops over SCAN batches; `body` receives an expression that is the batch as a string array,
   * or (node-redis v4, which yields keys one by one) the single key.
   */
  private eachBatch(body: (batch: string, single: string | null) => string[]): string[] {
    const { family, topology } = this.kind;
    const u = this.unit;
    const n = this.n;
    const ts = this.ctx.isTypeScript;
    const indent = (lines: string[]): string[] => lines.map((l) => u + l);
    if (family === 'ioredis') {
      // scanStream yields arrays typed `any`: say what they are.
      const loop = (client: string): string[] => [
        `for await (const ${n.batch} of ${client}.scanStream({ match: ${this.pattern}, count: 100 })) {`,
        ...indent(body(ts ? `(${n.batch} as string[])` : n.batch, null)),
        '}',
      ];
      if (topology === 'cluster') return [`for (const ${n.node} of ${this.receiver}.nodes('master')) {`, ...indent(loop(n.node)), '}'];
      return loop(this.receiver);
    }
    if (family === 'node-redis') {
      const major = this.ctx.nodeRedisMajor;
      const loop = (client: string): string[] => {
        const iterator = `${client}.scanIterator({ MATCH: ${this.pattern}, COUNT: 100 })`;
        if (major === 4) return [`for await (const ${n.key} of ${iterator}) {`, ...indent(body(n.key, n.key)), '}'];
        const head = `for await (const ${n.batch} of ${iterator}) {`;
        if (major === 5) return [head, ...indent(body(n.batch, null)), '}'];
        // Unknown major: v5 yields arrays of keys, v4 single keys.
        const keys = `${n.batch}Keys`;
        return [head, ...indent([`const ${keys} = Array.isArray(${n.batch}) ? ${n.batch} : [${n.batch}];`, ...body(keys, null)]), '}'];
      };
      if (topology === 'cluster') {
        return [
          `for (const ${n.node}Info of ${this.receiver}.masters) {`,
          ...indent([`const ${n.node} = await ${this.receiver}.nodeClient(${n.node}Info);`, ...loop(n.node)]),
          '}',
        ];
      }
      return loop(this.receiver);
    }
    // upstash: a manual cursor loop; the cursor comes back as a string.
    return [
      '{',
      ...indent([
        `let ${n.cursor}${ts ? ': string | number' : ''} = '0';`,
        'do {',
        ...indent([
          `const [${n.next}, ${n.batch}] = await ${this.receiver}.scan(${n.cursor}, { match: ${this.pattern}, count: 100 });`,
          ...body(n.batch, null),
          `${n.cursor} = ${n.next};`,
        ]),
        `} while (String(${n.cursor}) !== '0');`,
      ]),
      '}',
    ];
  }
}
