import * as assert from 'node:assert/strict';
import type { AnalysisResult } from '../../../../src/core/analysis';
import { analyzer, disposeAnalyzer, fixtureFiles } from './analyzerHarness';
import { int, pick, prng } from './prng';

/** Findings and key sites: what an edited document must report exactly like a fresh extraction. */
function comparable(result: AnalysisResult): unknown {
  return {
    findings: result.findings.map((f) => ({ rule: f.ruleId, severity: f.severity, confidence: f.confidence, range: f.range, message: f.message, fixes: f.fixes })),
    keySites: result.keySites,
  };
}

/** A class whose members share clients (fields, a subscriber, a lock, loops): rules that pair calls across methods. */
const REPO = `import Redis from 'ioredis';

export class Repo {
  private redis = new Redis();
  private sub = new Redis();
  static shared: Redis;

  constructor(private readonly prefix: string) {
    this.sub.subscribe('events');
  }

  async save(id: string, value: string) {
    await this.redis.set(\`\${this.prefix}:\${id}\`, value);
    await this.redis.expire(\`\${this.prefix}:\${id}\`, 60);
  }

  async load(ids: string[]) {
    const out = [];
    for (const id of ids) {
      out.push(await this.redis.get(\`\${this.prefix}:\${id}\`));
    }
    return out;
  }

  async wait() {
    return this.redis.blpop('queue', 0);
  }

  async listen() {
    await this.sub.get('last');
  }

  async unlock(token: string) {
    if ((await this.redis.get('lock')) === token) await this.redis.del('lock');
  }

  async scanAll() {
    return this.redis.keys('user:*');
  }

  perCall() {
    const client = new Redis();
    return client.get('x');
  }
}
`;

const SNIPPETS = [' ', '\n', ';', 'x', '}', '{', "await this.redis.set('k', 'v');\n", "await this.redis.keys('z*');\n", 'const a = 1;\n', "this.redis = new Redis();\n", 'return this.sub;\n', '// redis-specialist-disable-next-line\n'];

describe('member-wise re-extraction of edited classes', () => {
  after(disposeAnalyzer);

  it('re-extracts only the edited method of a class and reports what a fresh extraction reports', async () => {
    const doc = await analyzer().openDocument('src/repo.ts', REPO);
    try {
      const first = doc.analyze();
      assert.ok(first.findings.length >= 6, `the class gave ${first.findings.length} findings`);
      // The first edit of the class splits it into members; the next ones reuse all but the edited one.
      for (let i = 0; i < 4; i++) {
        const at = doc.text.indexOf('const out = [];') + 'const out = [];'.length;
        doc.applyEdit(i % 2 === 0 ? { offset: at, length: 0, text: ' ' } : { offset: at, length: 1, text: '' });
        const incremental = doc.analyze();
        if (i > 0) assert.equal(doc.stats.members, 1, `members re-extracted after edit ${i}`);
        assert.deepEqual(comparable(incremental), comparable(doc.reanalyzeFromScratch()));
      }
      // A change outside method bodies (a field) re-reads every member.
      doc.applyEdit({ offset: doc.text.indexOf('static shared: Redis;'), length: 0, text: 'static other = new Redis();\n  ' });
      const afterField = doc.analyze();
      const { members, extracted, statements } = doc.stats;
      assert.ok(members > 1 || extracted === statements, `a field edit re-extracted ${members} member(s), ${extracted} of ${statements} statements`);
      assert.deepEqual(comparable(afterField), comparable(doc.reanalyzeFromScratch()));
    } finally {
      doc.dispose();
    }
  });

  it('re-reads every member when a method body changes what other members resolve (a returned or assigned client)', async () => {
    const text = `import Redis from 'ioredis';
class Store {
  private late: any;
  make() {
    return new Redis();
  }
  init() {
    this.late = new Redis();
  }
  async viaGetter() {
    await this.make().keys('a*');
  }
  async viaLate() {
    await this.late.keys('b*');
  }
}
`;
    const doc = await analyzer().openDocument('src/store.ts', text);
    try {
      const keysFindings = (r: AnalysisResult): number => r.findings.filter((f) => f.ruleId === 'no-keys' && f.confidence === 'certain').length;
      assert.equal(keysFindings(doc.analyze()), 2);
      // Split the class into members (the first edit), then change what each getter gives.
      doc.applyEdit({ offset: doc.text.indexOf('private late'), length: 0, text: ' ' });
      assert.equal(keysFindings(doc.analyze()), 2);
      doc.applyEdit({ offset: doc.text.indexOf('return new Redis()') + 'return new '.length, length: 'Redis'.length, text: 'Map' });
      assert.equal(keysFindings(doc.analyze()), 1, 'viaGetter no longer calls Redis');
      doc.applyEdit({ offset: doc.text.indexOf('this.late = new Redis()') + 'this.late = new '.length, length: 'Redis'.length, text: 'Map' });
      const last = doc.analyze();
      assert.equal(keysFindings(last), 0, 'viaLate no longer calls Redis');
      assert.deepEqual(comparable(last), comparable(doc.reanalyzeFromScratch()));
    } finally {
      doc.dispose();
    }
  });

  it('re-resolves the module when a method changes a package it requires late into a module-level name', async () => {
    const text = `let R;
class Cacher {
  init() {
    R = require('ioredis');
    this.client = new R(this.opts);
  }
  async list() {
    return this.client.keys('a*');
  }
}
module.exports = Cacher;
`;
    const doc = await analyzer().openDocument('src/cacher.js', text);
    try {
      const certain = (r: AnalysisResult): number => r.findings.filter((f) => f.confidence === 'certain').length;
      assert.equal(certain(doc.analyze()), 1);
      doc.applyEdit({ offset: doc.text.indexOf("'ioredis'") + 1, length: 'ioredis'.length, text: 'lru-cache' });
      const edited = doc.analyze();
      assert.equal(certain(edited), 0, 'R is no longer the client package');
      assert.deepEqual(comparable(edited), comparable(doc.reanalyzeFromScratch()));
    } finally {
      doc.dispose();
    }
  });

  it('re-reads the statements that read a static field when its value changes (`Repo.SCRIPT`)', async () => {
    const text = `import Redis from 'ioredis';
const redis = new Redis();
class Repo {
  static readonly SCRIPT = "return redis.call('KEYS', 'job:*')";
}
export function run() {
  return redis.eval(Repo.SCRIPT, 0);
}
`;
    const doc = await analyzer().openDocument('src/repo-script.ts', text);
    try {
      const luaFindings = (r: AnalysisResult): number => r.findings.filter((f) => f.ruleId === 'keys-in-lua').length;
      assert.equal(luaFindings(doc.analyze()), 1);
      const call = "redis.call('KEYS', 'job:*')";
      doc.applyEdit({ offset: doc.text.indexOf(call), length: call.length, text: "redis.call('GET', KEYS[1])" });
      const edited = doc.analyze();
      assert.equal(luaFindings(edited), 0, 'the script no longer runs KEYS');
      assert.deepEqual(comparable(edited), comparable(doc.reanalyzeFromScratch()));
    } finally {
      doc.dispose();
    }
  });

  it('matches a fresh extraction after hundreds of single edits inside classes (seeded)', async function () {
    this.timeout(120_000);
    const rand = prng(20261206);
    const sources = [{ name: 'repo.ts', text: REPO }, ...fixtureFiles().filter((f) => f.name.endsWith('.ts') && /\bclass\s/.test(f.text)).map((f) => ({ name: f.analyzedAs, text: f.text }))];
    assert.ok(sources.length >= 5, `${sources.length} class sources`);
    let edits = 0;
    let reused = 0;
    for (const source of sources) {
      const doc = await analyzer().openDocument(source.name, source.text);
      try {
        doc.analyze();
        for (let round = 0; round < 30; round++) {
          // Mostly inside a class (where members are reused), one edit per analysis.
          const classes = [...doc.text.matchAll(/\bclass\s+\w+[^{]*\{/g)];
          const inClass = classes.length > 0 && rand() < 0.85;
          const from = inClass ? pick(rand, classes).index : 0;
          const offset = Math.min(doc.text.length, from + int(rand, Math.max(1, doc.text.length - from)));
          const remove = rand() < 0.3 ? Math.min(int(rand, 8), doc.text.length - offset) : 0;
          doc.applyEdit({ offset, length: remove, text: rand() < 0.85 ? pick(rand, SNIPPETS) : '' });
          edits++;
          const incremental = doc.analyze();
          if (doc.stats.members > 0) reused++;
          assert.deepEqual(comparable(incremental), comparable(doc.reanalyzeFromScratch()), `${source.name} after ${edits} edits:\n${doc.text}`);
        }
      } finally {
        doc.dispose();
      }
    }
    assert.ok(edits >= 150, `${edits} edits`);
    assert.ok(reused >= 30, `member-wise extraction ran after ${reused} of ${edits} edits`);
  });
});
