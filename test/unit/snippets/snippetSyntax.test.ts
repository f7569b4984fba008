import assert from 'node:assert/strict';
import {
  expandDefaults,
  SnippetTemplateError,
  templateDefaults,
  templatePlaceholders,
  templateToSnippetBody,
} from '../../../src/core/snippets/snippetSyntax';

describe('snippet template syntax', () => {
  it('keeps placeholders and escapes every other $ and backslash', () => {
    const template = "const PREFIX = '${1:cache:}';\nconst key = `${PREFIX}${id}`;\nconst re = /\\d+\\$/;\n$0\n";
    assert.deepEqual(templateToSnippetBody(template), [
      "const PREFIX = '${1:cache:}';",
      'const key = `\\${PREFIX}\\${id}`;',
      'const re = /\\\\d+\\\\\\$/;',
      '$0',
    ]);
  });

  it('turns two-space indentation into tabs so VS Code re-indents to the user setting', () => {
    assert.deepEqual(templateToSnippetBody('if (a) {\n  if (b) {\n     * odd\n  }\n}'), ['if (a) {', '\tif (b) {', '\t\t * odd', '\t}', '}']);
  });

  it('lists placeholders and rejects gaps, conflicting mirrors, ${0:…} and stray tab stops', () => {
    assert.deepEqual(templatePlaceholders("'${1:a}' ${2:10} '${1:a}'"), [
      { index: 1, defaultValue: 'a' },
      { index: 2, defaultValue: '10' },
    ]);
    assert.throws(() => templatePlaceholders('${2:x}'), /\$\{1\} is missing/);
    assert.throws(() => templatePlaceholders('${1:x} ${1:y}'), /two defaults/);
    assert.throws(() => templatePlaceholders('${0:x}'), /use `\$0`/);
    assert.throws(() => templateToSnippetBody("x.replace(/a/, '$1')"), SnippetTemplateError);
    assert.throws(() => templateToSnippetBody('${1:a}${2}'), SnippetTemplateError);
  });

  it('expandDefaults inverts templateToSnippetBody (modulo tabs) and equals templateDefaults', () => {
    const template = "const TTL = ${1:60};\nfunction f() {\n  return `${TTL}\\\\${'$'}`;\n}\n$0\n";
    const expanded = expandDefaults(templateToSnippetBody(template).join('\n'));
    assert.equal(expanded.replace(/\t/g, '  '), templateDefaults(template));
    assert.equal(templateDefaults(template), "const TTL = 60;\nfunction f() {\n  return `${TTL}\\\\${'$'}`;\n}\n");
  });

  it('expands nested placeholders, choices and bare tab stops like VS Code', () => {
    assert.equal(expandDefaults('a${1:b${2:c}d}e$3${4}f'), 'abcdef');
    assert.equal(expandDefaults('${1|ioredis,node-redis|} \\} \\\\ $'), 'ioredis } \\ $');
    assert.throws(() => expandDefaults('${TM_FILENAME}'), /variables are not supported/);
    assert.throws(() => expandDefaults('${1:open'), /unterminated/);
  });
});
