import * as assert from 'node:assert/strict';
import type { Finding } from '../../../../src/core/analysis';
import { analyze, analyzer, disposeAnalyzer, fixtureFiles } from './analyzerHarness';
import { int, pick, prng } from './prng';

const SNIPPETS = [
  ' ',
  '\n',
  ';',
  '}',
  '{',
  '(',
  "'",
  '`',
  '/*',
  "await redis.keys('z*');\n",
  "await redis.set('k', 'v');\n",
  "await redis.expire('k', 5);\n",
  "import Redis from 'ioredis';\n",
  'const redis = new Redis();\n',
  'function g() {\n',
  '// redis-specialist-disable-next-line\n',
  'export const MODE = "EX";\n',
  'é😀',
];

/** Findings without fixes' text details that depend on nothing but the text. */
function comparable(findings: Finding[]): unknown {
  return findings.map((f) => ({ rule: f.ruleId, severity: f.severity, confidence: f.confidence, range: f.range, message: f.message, fixes: f.fixes }));
}

/** Opens `text`, replaces `from` by `to` in one edit, and checks the findings' confidences before and after (and against a fresh analysis). */
async function expectConfidenceAfterReplace(fileName: string, text: string, [from, to]: [string, string], before: string[], after: string[]): Promise<void> {
  const doc = await analyzer().openDocument(fileName, text);
  try {
    const confidence = (): string[] => doc.analyze().findings.map((f) => `${f.ruleId}@${f.confidence}`);
    assert.deepEqual(confidence(), before);
    doc.applyEdit({ offset: doc.text.indexOf(from), length: from.length, text: to });
    assert.deepEqual(confidence(), after);
    assert.deepEqual(comparable(doc.analyze().findings), comparable((await analyze(fileName, doc.text)).findings));
  } finally {
    doc.dispose();
  }
}

describe('incremental analysis', () => {
  after(disposeAnalyzer);

  it('re-extracts only the edited statement for an edit inside a function', async () => {
    const body = Array.from({ length: 40 }, (_, i) => `export async function f${i}() {\n  await redis.set('k${i}', 'v');\n}\n`).join('\n');
    const text = `import Redis from 'ioredis';\nconst redis = new Redis();\n${body}`;
    const doc = await analyzer().openDocument('src/a.ts', text);
    try {
      const first = doc.analyze();
      assert.equal(first.findings.length, 40);
      assert.equal(doc.stats.parse, 'full');
      const at = doc.text.indexOf("'k20'");
      doc.applyEdit({ offset: at + 1, length: 2, text: 'key20' });
      const second = doc.analyze();
      assert.equal(doc.stats.parse, 'incremental');
      assert.ok(doc.stats.extracted <= 2, `re-extracted ${doc.stats.extracted} of ${doc.stats.statements}`);
      assert.deepEqual(comparable(second.findings), comparable((await analyze('src/a.ts', doc.text)).findings));
      // An edit to a module-level declaration re-reads the whole file.
      doc.applyEdit({ offset: doc.text.indexOf('new Redis()'), length: 'new Redis()'.length, text: 'new Map()' });
      const third = doc.analyze();
      assert.equal(third.findings.length, 0);
      assert.equal(doc.stats.extracted, doc.stats.statements);
    } finally {
      doc.dispose();
    }
  });

  it('matches a from-scratch extraction of the same tree after hundreds of random edits (seeded)', async function () {
    this.timeout(120_000);
    const rand = prng(20240605);
    const sources = fixtureFiles().filter((f) => f.name.endsWith('.ts'));
    let edits = 0;
    for (const source of sources) {
      const doc = await analyzer().openDocument(source.analyzedAs, source.text);
      try {
        doc.analyze();
        for (let round = 0; round < 12; round++) {
          // One to three edits between analyses, like fast typing between debounced runs.
          for (let k = 1 + int(rand, 3); k > 0; k--) {
            const length = doc.text.length;
            const offset = int(rand, length + 1);
            const remove = rand() < 0.4 ? Math.min(int(rand, rand() < 0.15 ? 200 : 12), length - offset) : 0;
            doc.applyEdit({ offset, length: remove, text: rand() < 0.8 ? pick(rand, SNIPPETS) : '' });
            edits++;
          }
          const incremental = doc.analyze();
          const scratch = doc.reanalyzeFromScratch();
          assert.deepEqual(comparable(incremental.findings), comparable(scratch.findings), `${source.rule}/${source.name} after ${edits} edits:\n${doc.text}`);
        }
      } finally {
        doc.dispose();
      }
    }
    assert.ok(edits > 300);
  });

  it('matches a fresh parse and analysis while typing valid code (seeded)', async () => {
    const rand = prng(99);
    const lines = [
      "  await redis.keys('t*');",
      "  await redis.set('k', v);",
      "  await redis.expire('k', 9);",
      "  await redis.setnx('lock', v);",
      '  await redis.flushdb();',
      "  const m = new Map(); m.set('a', 1);",
      '  // redis-specialist-disable-next-line',
    ];
    let text = `import Redis from 'ioredis';\nconst redis = new Redis();\n${Array.from({ length: 12 }, (_, i) => `export async function f${i}(v: string) {\n  await redis.get('x');\n}\n`).join('')}`;
    const doc = await analyzer().openDocument('src/typing.ts', text);
    let mostFindings = 0;
    try {
      doc.analyze();
      for (let round = 0; round < 150; round++) {
        const anchors = [...text.matchAll(/\n {2}await redis\.get\('x'\);\n/g)];
        const typed = [...text.matchAll(/\n( {2}(?:await redis\.(?:keys|set|expire|setnx|flushdb)|const m =|\/\/ redis-specialist).*)\n/g)];
        if (typed.length === 0 || rand() < 0.7) {
          // Type a whole line a few characters at a time, analysing in between (half-typed code).
          const at = pick(rand, anchors).index + 1;
          const line = `${pick(rand, lines)}\n`;
          for (let pos = 0; pos < line.length; ) {
            const piece = line.slice(pos, pos + 1 + int(rand, 6));
            doc.applyEdit({ offset: at + pos, length: 0, text: piece });
            pos += piece.length;
            if (rand() < 0.5) doc.analyze();
          }
        } else {
          const victim = pick(rand, typed);
          doc.applyEdit({ offset: victim.index + 1, length: victim[1].length + 1, text: '' });
        }
        text = doc.text;
        const incremental = doc.analyze();
        assert.deepEqual(comparable(incremental.findings), comparable((await analyze('src/typing.ts', text)).findings), text);
        mostFindings = Math.max(mostFindings, incremental.findings.length);
      }
      assert.ok(mostFindings >= 10, `the typed code produced at most ${mostFindings} findings`);
    } finally {
      doc.dispose();
    }
  });

  it('re-reads the uses of an object type when one of its members is renamed', async () => {
    // `redis` becomes `store`: the destructured `db` is no longer known to be a client.
    const text = `import Redis from 'ioredis';\ntype Ctx = { redis: Redis; prefix: string };\nexport async function names({ redis: db, prefix }: Ctx) {\n  return db.keys(\`\${prefix}:*\`);\n}\n`;
    await expectConfidenceAfterReplace('src/ctx.ts', text, ['redis: Redis', 'store: Redis'], ['no-keys@certain'], ['no-keys@likely']);
  });

  it('re-reads prototype methods when their ES5 constructor’s fields change', async () => {
    // The constructor now keeps something else in `this.client`: the method's KEYS is only a likely one.
    const text = `var redis = require('redis');\nfunction Store(o) {\n  this.client = redis.createClient(o);\n  this.client.on('error', function () {});\n}\nStore.prototype.all = function (cb) {\n  this.client.keys('s:*', cb);\n};\nmodule.exports = Store;\n`;
    await expectConfidenceAfterReplace('src/store.js', text, ['redis.createClient(o)', 'o.client'], ['no-keys@certain'], ['no-keys@likely']);
  });

  it('re-reads prototype methods when another prototype method changes the client it creates', async () => {
    const text = `var redis = require('redis');\nvar Store = function (o) {\n  this.client = null;\n};\nStore.prototype.start = function () {\n  this.client = redis.createClient();\n  this.client.on('error', function () {});\n  this.started = true;\n};\nStore.prototype.all = function (cb) {\n  this.client.keys('s:*', cb);\n};\nmodule.exports = Store;\n`;
    const doc = await analyzer().openDocument('src/store.js', text);
    try {
      const confidence = (): string[] => doc.analyze().findings.map((f) => `${f.ruleId}@${f.confidence}`);
      assert.deepEqual(confidence(), ['no-keys@certain']);
      // An edit in start() that leaves its \`this.x = …\` lines as they were re-reads that statement only.
      doc.applyEdit({ offset: doc.text.indexOf('this.started'), length: 0, text: ' ' });
      assert.deepEqual(confidence(), ['no-keys@certain']);
      assert.equal(doc.stats.extracted, 1);
      // start() now keeps something else in \`this.client\`: the KEYS of all() is only a likely one.
      const at = doc.text.indexOf('redis.createClient()');
      doc.applyEdit({ offset: at, length: 'redis.createClient()'.length, text: 'new Map()' });
      assert.deepEqual(confidence(), ['no-keys@likely']);
      assert.deepEqual(comparable(doc.analyze().findings), comparable((await analyze('src/store.js', doc.text)).findings));
    } finally {
      doc.dispose();
    }
  });

  it('reads a module-level `let` again when an edit elsewhere starts or stops assigning it', async () => {
    const text = `import Redis from 'ioredis';\nconst redis = new Redis();\nlet current = 'boot';\nexport function switchTo(name: string) {\n  current = name;\n}\nexport async function mark() {\n  await redis.set(current, '1');\n}\n`;
    const doc = await analyzer().openDocument('src/current.ts', text);
    try {
      const severities = (): string[] => doc.analyze().findings.map((f) => `${f.ruleId}:${f.severity}`);
      // Assigned again: a key per name, not one fixed key.
      assert.deepEqual(severities(), ['set-without-ttl:warning']);
      const at = doc.text.indexOf('current = name;');
      doc.applyEdit({ offset: at, length: 'current = name;'.length, text: 'void name;' });
      assert.deepEqual(severities(), ['set-without-ttl:info'], 'never assigned again: one fixed key');
      assert.deepEqual(comparable(doc.analyze().findings), comparable((await analyze('src/current.ts', doc.text)).findings));
      doc.applyEdit({ offset: at, length: 'void name;'.length, text: 'current = name;' });
      assert.deepEqual(severities(), ['set-without-ttl:warning']);
    } finally {
      doc.dispose();
    }
  });

  it('finds Bun’s global client once a statement starts using it, and forgets it when none does', async () => {
    const text = `export async function save(id: string) {\n  const store = new Map();\n  await store.set(\`user:\${id}\`, '1');\n}\n`;
    const doc = await analyzer().openDocument('src/bun.ts', text);
    try {
      const rules = (): string[] => doc.analyze().findings.map((f) => `${f.ruleId}@${f.confidence}`);
      assert.deepEqual(rules(), []);
      const at = doc.text.indexOf('new Map()');
      doc.applyEdit({ offset: at, length: 'new Map()'.length, text: 'new Bun.RedisClient()' });
      assert.deepEqual(rules(), ['client-per-call@certain', 'set-without-ttl@certain']);
      assert.deepEqual(comparable(doc.analyze().findings), comparable((await analyze('src/bun.ts', doc.text)).findings));
      doc.applyEdit({ offset: at, length: 'new Bun.RedisClient()'.length, text: 'new Map()' });
      assert.deepEqual(rules(), []);
    } finally {
      doc.dispose();
    }
  });

  it('lowers a module-level client’s missing listener to info once another statement hands it to a library', async () => {
    const text = `import { createClient } from 'redis';\nconst client = createClient();\napp.use(null);\n`;
    const doc = await analyzer().openDocument('src/session.ts', text);
    try {
      const severities = (): string[] => doc.analyze().findings.map((f) => `${f.ruleId}:${f.severity}`);
      assert.deepEqual(severities(), ['missing-error-listener:warning']);
      const at = doc.text.indexOf('null');
      doc.applyEdit({ offset: at, length: 'null'.length, text: 'new RedisStore({ client })' });
      assert.deepEqual(severities(), ['missing-error-listener:info']);
      assert.equal(doc.stats.extracted, 1, 'only the edited statement is read again');
      doc.applyEdit({ offset: at, length: 'new RedisStore({ client })'.length, text: 'client.isOpen' });
      assert.deepEqual(severities(), ['missing-error-listener:warning']);
    } finally {
      doc.dispose();
    }
  });

  it('rejects edits outside the document', async () => {
    const doc = await analyzer().openDocument('src/a.ts', 'const a = 1;');
    try {
      assert.throws(() => doc.applyEdit({ offset: 5, length: 100, text: '' }), /outside the document/);
      assert.throws(() => doc.applyEdit({ offset: -1, length: 0, text: '' }), /outside the document/);
    } finally {
      doc.dispose();
    }
    assert.throws(() => doc.analyze(), /after dispose/);
  });
});
