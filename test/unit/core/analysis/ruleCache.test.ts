// Findings reused across edits (engine/ruleCache.ts) equal a full re-analysis; ranges move with edits.
import * as assert from 'node:assert/strict';
import { Analyzer, type Finding, wasmLocationFromNodeModules } from '../../../../src/core/analysis';
import { shiftRange } from '../../../../src/core/analysis/engine/ruleCache';
import { RULES } from '../../../../src/core/analysis/rules';
import { analyzer, disposeAnalyzer, fixtureFiles } from './analyzerHarness';
import { int, pick, prng } from './prng';

/** Edits a developer makes around Redis code: mostly unrelated text, sometimes a Redis line. */
const TYPED = [' ', '\n', 'x', 'const n = 1;\n', '// note\n', '/* c */', 'if (a) {}\n', "await redis.set('k', 'v');\n", "await redis.keys('z*');\n", ';', '}'];

function comparable(findings: Finding[]): unknown {
  return findings.map((f) => ({ rule: f.ruleId, severity: f.severity, confidence: f.confidence, range: f.range, message: f.message, fixes: f.fixes }));
}

const range = (startOffset: number, endOffset: number, line = 2, column = 4): Finding['range'] => ({
  start: { line, column },
  end: { line, column: column + endOffset - startOffset },
  startOffset,
  endOffset,
});

describe('rule cache: reused findings', () => {
  after(disposeAnalyzer);

  it('shiftRange moves a range after an edit, keeps one before it, and gives up on one the edit touches', () => {
    // Insert "ab\nc" (one new line) at offset 10, line 1 column 3; the range is on line 2.
    const insert = { start: 10, oldEnd: 10, newEnd: 14, oldEndPos: { offset: 10, line: 1, column: 3 }, newEndPos: { offset: 14, line: 2, column: 1 } };
    assert.deepEqual(shiftRange(range(20, 25), [insert]), { start: { line: 3, column: 4 }, end: { line: 3, column: 9 }, startOffset: 24, endOffset: 29 });
    assert.deepEqual(shiftRange(range(2, 8, 0, 2), [insert]), range(2, 8, 0, 2));
    assert.equal(shiftRange(range(8, 10, 1, 1), [insert]), null, 'ends where the edit starts');
    assert.equal(shiftRange(range(5, 12, 1, 0), [insert]), null, 'contains the edit');
    // On the edit's last line, the column moves too: delete 2 characters on line 2 before the range.
    const remove = { start: 20, oldEnd: 22, newEnd: 20, oldEndPos: { offset: 22, line: 2, column: 6 }, newEndPos: { offset: 20, line: 2, column: 4 } };
    assert.deepEqual(shiftRange(range(30, 32, 2, 14), [remove]), range(28, 30, 2, 12));
    // Edits apply in order, each to the text the previous one left.
    assert.deepEqual(shiftRange(range(30, 32, 2, 14), [remove, remove]), range(26, 28, 2, 10));
  });

  it('after random edits on every fixture file, findings equal a from-scratch analysis, and some rules were reused (seeded)', async function () {
    this.timeout(180_000);
    const rand = prng(1313);
    let reused = 0;
    let analyses = 0;
    for (const source of fixtureFiles().filter((f) => /\.[jt]s$/.test(f.name))) {
      const doc = await analyzer().openDocument(source.analyzedAs, source.text);
      try {
        doc.analyze();
        for (let round = 0; round < 8; round++) {
          for (let k = 1 + int(rand, 2); k > 0; k--) {
            const length = doc.text.length;
            const offset = int(rand, length + 1);
            const remove = rand() < 0.3 ? Math.min(int(rand, 6), length - offset) : 0;
            doc.applyEdit({ offset, length: remove, text: pick(rand, TYPED) });
          }
          const incremental = doc.analyze();
          reused += doc.stats.rulesReused;
          analyses++;
          const scratch = doc.reanalyzeFromScratch();
          assert.deepEqual(comparable(incremental.findings), comparable(scratch.findings), `${source.rule}/${source.name}:\n${doc.text}`);
        }
      } finally {
        doc.dispose();
      }
    }
    assert.ok(reused > analyses, `rules were reused ${reused} times in ${analyses} analyses`);
  });

  it("a reused finding whose message names another call's line is rebuilt once lines move", async () => {
    const file = fixtureFiles().find((f) => f.rule === 'subscriber-reuse' && f.name === 'positive.ts');
    assert.ok(file);
    const doc = await analyzer().openDocument(file.analyzedAs, file.text);
    const fresh = new Analyzer({ wasm: wasmLocationFromNodeModules() });
    try {
      doc.analyze();
      // Lines added inside the first function (no statement with facts after it is re-read): the
      // second function's finding moves, and so does the SUBSCRIBE line its message names.
      const at = doc.text.indexOf("sub.on('message'");
      doc.applyEdit({ offset: at, length: 0, text: 'void 0;\n  void 1;\n  ' });
      const incremental = doc.analyze();
      assert.ok(incremental.findings.some((f) => /subscribes on line 16/.test(f.message)), incremental.findings.map((f) => f.message).join('\n'));
      assert.deepEqual(comparable(incremental.findings), comparable((await fresh.analyzeText(file.analyzedAs, doc.text)).findings));
    } finally {
      doc.dispose();
      fresh.dispose();
    }
  });

  it('a line break between a disable comment and what it silenced brings the finding back', async () => {
    const text = `import Redis from 'ioredis';\nconst redis = new Redis();\n// redis-specialist-disable-next-line\n    export const all = redis.set('k', 'v');\nredis.set('j', 'v');    // redis-specialist-disable-line\n`;
    const doc = await analyzer().openDocument('src/suppressed.ts', text);
    const fresh = new Analyzer({ wasm: wasmLocationFromNodeModules() });
    try {
      assert.equal(doc.analyze().findings.length, 0);
      // Whitespace between statements belongs to none: no statement is re-read, only lines move.
      for (const [before, expected] of [['export const all', 1], ['// redis-specialist-disable-line', 2]] as const) {
        doc.applyEdit({ offset: doc.text.indexOf(before) - 2, length: 0, text: '\n' });
        const incremental = doc.analyze();
        assert.equal(doc.stats.extracted, 0);
        assert.equal(incremental.findings.length, expected);
        assert.deepEqual(comparable(incremental.findings), comparable((await fresh.analyzeText('src/suppressed.ts', doc.text)).findings));
      }
    } finally {
      doc.dispose();
      fresh.dispose();
    }
  });

  it('typing outside Redis code reuses the facts-only rules, and the findings equal a fresh parse and analysis', async () => {
    const redisPart = `import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function save(v: string) {\n  await redis.set('user:1', v);\n  await redis.keys('user:*');\n}\n`;
    const other = Array.from({ length: 20 }, (_, i) => `export function plain${i}(a: number) {\n  return a + ${i};\n}\n`).join('');
    const doc = await analyzer().openDocument('src/typing.ts', `${other}${redisPart}${other}`);
    // The oracle has its own analyzer: changing the shared one's options would (rightly) void the cache.
    const fresh = new Analyzer({ wasm: wasmLocationFromNodeModules() });
    try {
      const first = doc.analyze();
      assert.ok(first.findings.some((f) => f.ruleId === 'set-without-ttl') && first.findings.some((f) => f.ruleId === 'no-keys'));
      const rand = prng(7);
      for (let i = 0; i < 40; i++) {
        // Type into a `return` line of an unrelated function, before or after the Redis code.
        const returns = [...doc.text.matchAll(/return a \+ \d+/g)];
        const at = pick(rand, returns).index + 'return a'.length;
        doc.applyEdit(rand() < 0.5 ? { offset: at, length: 0, text: pick(rand, [' ', '\n', ' * 2']) } : { offset: at, length: 0, text: '' });
        const incremental = doc.analyze();
        assert.ok(doc.stats.rulesReused > 0, 'facts-only rules reused');
        assert.deepEqual(comparable(incremental.findings), comparable((await fresh.analyzeText('src/typing.ts', doc.text)).findings));
      }
    } finally {
      doc.dispose();
      fresh.dispose();
    }
  });

  it('reuses the rules whose fixes read only their function while every call is in one; the indent unit and module-level calls void that', async () => {
    const config = 'const config = {\n    retries: 3,\n};\n';
    const redisPart = `import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function purge(ids: string[]) {\n    for (const id of ids) await redis.del(id);\n    const keys = await redis.keys('user:*');\n    return keys;\n}\n`;
    const other = 'export function plain(a: number) {\n    return a + 1;\n}\n';
    const doc = await analyzer().openDocument('src/scoped.ts', `${config}${redisPart}${other}`);
    const fresh = new Analyzer({ wasm: wasmLocationFromNodeModules() });
    const same = async (): Promise<void> => assert.deepEqual(comparable(doc.analyze().findings), comparable((await fresh.analyzeText('src/scoped.ts', doc.text)).findings));
    try {
      const first = doc.analyze();
      assert.ok(first.findings.some((f) => f.ruleId === 'no-keys' && f.fixes.length > 0) && first.findings.some((f) => f.ruleId === 'sequential-round-trips'));
      // Typing in an unrelated function: no-keys and sequential-round-trips are reused with the facts-only rules.
      doc.applyEdit({ offset: doc.text.indexOf('a + 1') + 1, length: 0, text: ' ' });
      await same();
      const withScoped = doc.stats.rulesReused;
      // The file's indent unit changes (its first indented line): the SCAN rewrite is written again, with 2 spaces.
      doc.applyEdit({ offset: doc.text.indexOf('    retries'), length: 2, text: '' });
      await same();
      assert.ok(doc.stats.rulesReused < withScoped, `${doc.stats.rulesReused} rules reused after the indent unit changed, ${withScoped} before`);
      // A module-level call reads the whole file for its fix: scoped rules are not reused while one exists.
      doc.applyEdit({ offset: doc.text.indexOf('export function plain'), length: 0, text: "void redis.keys('boot:*');\n" });
      await same();
      doc.applyEdit({ offset: doc.text.indexOf('a + 1') + 1, length: 0, text: ' ' });
      await same();
      assert.ok(doc.stats.rulesReused < withScoped, `${doc.stats.rulesReused} rules reused with a module-level call, ${withScoped} without`);
    } finally {
      doc.dispose();
      fresh.dispose();
    }
  });

  it('a rule that reported nothing is reused while the facts and the other files stay, and runs again once another file publishes', async () => {
    const own = new Analyzer({ wasm: wasmLocationFromNodeModules() });
    const producerText = `import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', () => {});\nexport async function log(id: string) {\n  await redis.lpush('events', id);\n}\nexport async function recent() {\n  return redis.lrange('events', 0, 9);\n}\nexport function plain(a: number) {\n  return a + 1;\n}\n`;
    const consumerText = `import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', () => {});\nexport async function drain() {\n  await redis.ltrim('events', 0, 99);\n}\n`;
    const consumer = await own.openDocument('src/q/consumer.ts', consumerText);
    const producer = await own.openDocument('src/q/producer.ts', producerText);
    const growth = (): string[] => producer.analyze().findings.filter((f) => f.ruleId === 'unbounded-growth').map((f) => f.message);
    try {
      consumer.analyze();
      assert.deepEqual(growth(), [], 'the consumer trims the list');
      producer.applyEdit({ offset: producer.text.indexOf('a + 1') + 1, length: 0, text: ' ' });
      assert.deepEqual(growth(), []);
      assert.equal(producer.stats.rulesReused, RULES.length, 'every rule reused, unbounded-growth too: it had nothing to report and no other file changed');
      // The consumer stops trimming: the producer's next analysis (another keystroke elsewhere) must see it.
      consumer.setText(consumerText.replace("redis.ltrim('events', 0, 99)", "redis.get('other')"));
      consumer.analyze();
      producer.applyEdit({ offset: producer.text.indexOf('a + 1') + 1, length: 0, text: ' ' });
      assert.equal(growth().length, 1);
    } finally {
      producer.dispose();
      consumer.dispose();
      own.dispose();
    }
  });
});
