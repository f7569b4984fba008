import * as assert from 'node:assert/strict';
import { commentsOf, suppressionComments } from '../../../../src/core/patterns/suppressionComments';
import { analyze, disposeAnalyzer } from '../analysis/analyzerHarness';

const HEAD = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', () => undefined);\n";
/** The line (0-based) of the `redis.keys` call in each case below. */
const CALL = 'export const all = () => redis.keys("*");';

/** Directive placements, each with whether it silences `no-keys` on the call's line. */
const CASES: Array<{ name: string; before?: string; trailing?: string; after?: string; silenced: boolean }> = [
  { name: 'next-line naming the rule', before: '// redis-specialist-disable-next-line no-keys', silenced: true },
  { name: 'next-line without a list (every rule)', before: '// redis-specialist-disable-next-line', silenced: true },
  { name: 'next-line naming another rule', before: '// redis-specialist-disable-next-line set-without-ttl', silenced: false },
  { name: 'next-line with a typo only', before: '// redis-specialist-disable-next-line no-kyes', silenced: false },
  { name: 'next-line with a reason', before: '// redis-specialist-disable-next-line set-without-ttl, no-keys -- admin tool', silenced: true },
  { name: 'next-line, rule only in the reason', before: '// redis-specialist-disable-next-line set-without-ttl -- no-keys is fine', silenced: false },
  { name: 'next-line two lines above', before: '// redis-specialist-disable-next-line no-keys\n// another comment', silenced: false },
  { name: 'next-line in a block comment', before: '/* redis-specialist-disable-next-line no-keys */', silenced: true },
  { name: 'next-line after a multi-line block comment', before: '/*\n * redis-specialist-disable-next-line no-keys\n */', silenced: true },
  { name: 'same line', trailing: ' // redis-specialist-disable-line no-keys', silenced: true },
  { name: 'same line, another rule', trailing: ' // redis-specialist-disable-line no-flush', silenced: false },
  { name: 'file-wide at the end', after: '/* redis-specialist-disable no-keys */', silenced: true },
  { name: 'file-wide, every rule', after: '// redis-specialist-disable', silenced: true },
  { name: 'file-wide, another rule', after: '/* redis-specialist-disable no-flush */', silenced: false },
  { name: 'quoted in a string, not a comment', before: "const s = '// redis-specialist-disable-next-line no-keys';", silenced: false },
  { name: 'quoted in a template literal', before: 'const t = `${1}\n// redis-specialist-disable-next-line no-keys\n`;', silenced: false },
  { name: 'after a regex holding quotes and slashes', before: "const r = /'\\/\"[/]/g; // redis-specialist-disable-line\n// redis-specialist-disable-next-line no-keys", silenced: true },
];

function source(c: (typeof CASES)[number]): { text: string; line: number } {
  const before = c.before ? `${c.before}\n` : '';
  const text = `${HEAD}${before}${CALL}${c.trailing ?? ''}\n${c.after ? `${c.after}\n` : ''}`;
  return { text, line: text.slice(0, text.indexOf(CALL)).split('\n').length - 1 };
}

describe('suppression comments: the data diagnostics read disable comments as the analyzer does', () => {
  after(disposeAnalyzer);

  for (const c of CASES) {
    it(`${c.name}: ${c.silenced ? 'silenced' : 'shown'}, as the analyzer decides for its own rule`, async () => {
      const { text, line } = source(c);
      assert.equal(suppressionComments(text).silences(line, 'no-keys'), c.silenced);
      // The analyzer's verdict on the same text (its no-keys finding on that line, or not).
      const analysed = await analyze('src/app.ts', text);
      const found = analysed.findings.some((f) => f.ruleId === 'no-keys' && f.range.start.line === line);
      assert.equal(found, !c.silenced, `the analyzer ${found ? 'reports' : 'silences'} no-keys in: ${text}`);
    });
  }

  it('applies a data rule id only where it is named, and file-wide directives everywhere', () => {
    const text = [
      "await redis.set(`a:${id}`, 'v'); // redis-specialist-disable-line live-keys-without-ttl",
      '// redis-specialist-disable-next-line live-type-mismatch, ttl-missing-on-live-keys',
      "await redis.hset(`b:${id}`, 'f', 1);",
      "await redis.set(`c:${id}`, 'v');",
    ].join('\n');
    const comments = suppressionComments(text);
    assert.equal(comments.silences(0, 'live-keys-without-ttl'), true);
    assert.equal(comments.silences(0, 'live-type-mismatch'), false);
    assert.equal(comments.silences(2, 'live-type-mismatch'), true);
    assert.equal(comments.silences(2, 'ttl-missing-on-live-keys'), true);
    assert.equal(comments.silences(2, 'live-keys-without-ttl'), false);
    assert.equal(comments.silences(3, 'live-keys-without-ttl'), false);
    const fileWide = suppressionComments(`${text}\n/* redis-specialist-disable live-keys-without-ttl */`);
    assert.deepEqual([0, 1, 2, 3].map((line) => fileWide.silences(line, 'live-keys-without-ttl')), [true, true, true, true]);
    assert.equal(fileWide.silences(3, 'live-type-mismatch'), false);
  });

  it('finds comments, not comment-like text in strings, templates (nested) and regular expressions', () => {
    const text = [
      "const a = 'x // y'; // one",
      'const b = `t ${ { k: `in // ${"s"}` }.k } /* no */`; /* two */',
      'const c = x / 2 / 3; // three',
      'const d = /\\/\\/ not [/*] a comment/.test(s); // four',
      'return /re/g; // five',
    ].join('\n');
    assert.deepEqual(
      commentsOf(text).map((c) => text.slice(c.start, c.end)),
      ['// one', '/* two */', '// three', '// four', '// five'],
    );
  });
});
