import * as assert from 'node:assert/strict';
import { type ClassRange, classesMentioningClients, memberAssignmentSites } from '../../../../src/core/analysis/engine/classMentions';
import { int, pick, prng } from './prng';

/** The definition classesMentioningClients must match: the relevance regex over each class's text, two rounds. */
function reference(text: string, ranges: readonly ClassRange[], names: ReadonlySet<string>, values: ReadonlySet<string>): Set<string> {
  const escape = (n: string): string => n.replace(/\$/g, '\\$');
  const pattern = (set: ReadonlySet<string>): string => `(?<![\\w$.])(?:${[...set].map(escape).join('|')})(?![\\w$])`;
  const known = new Set(names);
  // A value name the class declares itself (a parameter or a local) does not count in it.
  const declared = (body: string, name: string): boolean =>
    new RegExp(`\\b(?:const|let|var)\\s+${escape(name)}(?![\\w$])|[(,]\\s*(?:(?:public|private|protected|readonly|override)\\s+)*${escape(name)}\\s*[?:,)=]`).test(body);
  const build = (body: string): RegExp | null => {
    const parts: string[] = [];
    const own = new Set([...values].filter((v) => !declared(body, v)));
    if (known.size) parts.push(pattern(known));
    if (own.size) parts.push(`(?:=|\\breturn)\\s*${pattern(own)}`);
    return parts.length ? new RegExp(parts.join('|')) : null;
  };
  // A line that is all comment mentions nothing.
  const prose = text.replace(/^[ \t]*(?:\/\/|\/\*|\*).*$/gm, (line) => ' '.repeat(line.length));
  const matching = (): Set<string> =>
    new Set(
      ranges
        .filter((r) => {
          const body = text.slice(r.start, r.end);
          return build(body)?.test(prose.slice(r.start, r.end)) ?? false;
        })
        .map((r) => r.name),
    );
  let found = matching();
  // A class given a client from outside every class: `Store.x = client;`.
  for (const r of ranges) {
    const outside = ranges.reduce((t, o) => t.slice(0, o.start) + ' '.repeat(o.end - o.start) + t.slice(o.end), prose);
    const assignment = new RegExp(`(?<![\\w$.])${escape(r.name)}\\s*\\.\\s*[A-Za-z_$][\\w$]*\\s*=(?!=)([^;\\n]*)`, 'g');
    const words = new RegExp(pattern(new Set([...names, ...values])));
    for (const m of outside.matchAll(assignment)) if (names.size + values.size > 0 && words.test(m[1])) found.add(r.name);
  }
  for (let round = 0; round < 2; round++) {
    const added = [...found].filter((n) => !known.has(n));
    if (added.length === 0) break;
    for (const n of added) known.add(n);
    found = matching();
  }
  return found;
}

const WORDS = ['Redis', 'redis', 'client', 'Store', 'Repo', 'Holder', '$x', 'a$b', 'clientId', 'Redisx', 'other', 'value'];
const GLUE = [' ', '.', ' = ', '=', ' return ', 'return', '\n', '(', ')', ';', '$', '_', 'x.', ' == ', 'const ', ', ', ': ', '(private ', '\n// ', '\n * ', '\n  /* ', ' // '];

describe('classes that mention clients (relevance of class shapes)', () => {
  it('finds what the relevance pattern finds in each class, two rounds deep (seeded random texts)', () => {
    const rand = prng(4242);
    for (let trial = 0; trial < 400; trial++) {
      const classNames = ['Store', 'Repo', 'Holder', 'a$b', '$x'].filter(() => rand() < 0.7);
      let text = '';
      const ranges: ClassRange[] = [];
      for (const name of classNames) {
        text += pick(rand, ['', 'const y = redis;\n', 'Store.x = client;\n']);
        const start = text.length;
        text += `class ${name} {`;
        for (let i = int(rand, 8); i > 0; i--) text += pick(rand, GLUE) + pick(rand, WORDS);
        text += '}\n';
        ranges.push({ start, end: text.length, name });
      }
      const names = new Set(['Redis', 'Cluster'].filter(() => rand() < 0.8));
      const values = new Set(['redis', 'client', '$x'].filter(() => rand() < 0.6));
      const actual = classesMentioningClients(text, ranges, names, values).classes;
      assert.deepEqual([...actual].sort(), [...reference(text, ranges, names, values)].sort(), text);
    }
  });

  it('names the classes added in the rounds, and nothing when there is no client name', () => {
    const text = 'class A { x = new Redis(); }\nclass B { a: A; }\nclass C { b: B; }\nclass D { c: C; }\n';
    const at = (name: string): ClassRange => ({ start: text.indexOf(`class ${name}`), end: text.indexOf('\n', text.indexOf(`class ${name}`)), name });
    const ranges = ['A', 'B', 'C', 'D'].map(at);
    const { classes, named } = classesMentioningClients(text, ranges, new Set(['Redis']), new Set());
    assert.deepEqual([...classes].sort(), ['A', 'B', 'C']);
    assert.deepEqual(named, ['A', 'B']);
    assert.equal(classesMentioningClients(text, ranges, new Set(), new Set()).classes.size, 0);
  });

  it('does not count a class named in a comment line ("Store the promise…"), but a comment after code still counts', () => {
    const text = 'class Store { x = new Redis(); }\nclass A {\n  // Store the promise\n  /* Store */\n   * Store\n}\nclass B { s = 1; // Store\n}\n';
    const at = (name: string): ClassRange => {
      const start = text.indexOf(`class ${name}`);
      return { start, end: text.indexOf('\n}', start) + 2, name };
    };
    const ranges = [{ start: 0, end: text.indexOf('\n'), name: 'Store' }, at('A'), at('B')];
    assert.deepEqual([...classesMentioningClients(text, ranges, new Set(['Redis']), new Set()).classes].sort(), ['B', 'Store']);
  });

  it('finds every `Name.member =` by name in one pass: not `this.x =`, `a.b.c =`, `x.y ==` or a number', () => {
    const text = 'Store.client = redis;\nthis.x = 1;\na.b.c = 2;\nRepo .y\n  = 3;\nif (Store.z == 4) {}\n$x.q=5; 1.5 = 6;\nStore.w = 7;';
    const sites = memberAssignmentSites(text);
    assert.deepEqual([...sites.keys()].sort(), ['$x', 'Repo', 'Store']);
    assert.deepEqual(sites.get('Store'), [0, text.lastIndexOf('Store')]);
    assert.deepEqual(sites.get('Repo'), [text.indexOf('Repo')]);
  });
});
