import * as assert from 'node:assert/strict';
import { excludeRules, findFilesExclude, isExcludedBy, siblingFor } from '../../../../src/core/workspace/excludeSettings';
import { globMatchesPathOrParent, isAnalyzableFile, isIgnoredWithParents, isInScope, parentFolders, sourceFilesGlob } from '../../../../src/core/workspace/fileScope';
import { selectFiles } from '../../../../src/core/workspace/selectFiles';
import { parseGitignore, isIgnored } from '../../../../src/core/workspace/gitignore';

describe('workspace file scope', () => {
  it('builds the findFiles include from the analyzer’s extensions', () => {
    assert.equal(sourceFilesGlob(), '**/*.{ts,mts,cts,tsx,js,mjs,cjs,jsx,lua}');
    assert.ok(isAnalyzableFile('src/a.mts') && isAnalyzableFile('a.jsx') && isAnalyzableFile('lib/commands/moveToWait.lua'), 'Lua scripts too (keys-in-lua)');
    assert.ok(!isAnalyzableFile('types/a.d.ts'), 'declaration files hold no calls');
    assert.ok(!isAnalyzableFile('README.md'));
  });

  it('lists the folders a path lies in', () => {
    assert.deepEqual(parentFolders('a/b/c.ts'), ['a', 'a/b']);
    assert.deepEqual(parentFolders('c.ts'), []);
  });

  it('matches VS Code globs against the path or one of its folders', () => {
    assert.ok(globMatchesPathOrParent('node_modules/x/index.js', '**/node_modules'), 'a folder pattern hides its files');
    assert.ok(globMatchesPathOrParent('a/node_modules/x.js', '**/node_modules/**'));
    assert.ok(globMatchesPathOrParent('src/gen/x.ts', './src/gen'));
    assert.ok(globMatchesPathOrParent('dist/a.js', 'dist'));
    assert.ok(!globMatchesPathOrParent('src/dist/a.js', 'dist'), 'like VS Code, a pattern without ** is anchored at the folder root');
    assert.ok(!globMatchesPathOrParent('src/distance.ts', '**/dist'));
  });

  it('applies include and exclude settings', () => {
    const scope = { include: ['src/**'], exclude: ['**/*.generated.ts'] };
    assert.ok(isInScope('src/cache.ts', scope));
    assert.ok(!isInScope('scripts/cache.ts', scope), 'outside include');
    assert.ok(!isInScope('src/api.generated.ts', scope), 'excluded');
    assert.ok(isInScope('anything/x.js', { include: [], exclude: [] }), 'an empty include means everything');
  });

  it('checks ignore predicates on every parent folder, then the file', () => {
    const asked: string[] = [];
    const ignored = (p: string, isDir: boolean): boolean => {
      asked.push(`${p}${isDir ? '/' : ''}`);
      return p === 'build' && isDir;
    };
    assert.ok(isIgnoredWithParents('build/out/a.js', ignored));
    assert.ok(!isIgnoredWithParents('src/a.ts', ignored));
    assert.deepEqual(asked.slice(-2), ['src/', 'src/a.ts']);
  });
});

describe('files.exclude and search.exclude', () => {
  it('keeps enabled entries and their when clauses', () => {
    const rules = excludeRules({ '**/.git': true, '**/off': false, '**/*.js': { when: '$(basename).ts' } }, { '**/dist': true }, 'not an object', null);
    assert.deepEqual(rules, [{ glob: '**/.git' }, { glob: '**/*.js', when: '$(basename).ts' }, { glob: '**/dist' }]);
  });

  it('names the sibling of a when clause', () => {
    assert.equal(siblingFor('src/a.js', '$(basename).ts'), 'src/a.ts');
    assert.equal(siblingFor('a.test.js', '$(basename).ts'), 'a.test.ts');
    assert.equal(siblingFor('lib', '$(basename).json'), 'lib.json');
  });

  it('excludes a file when a rule matches it or its folder, and a when clause only if the sibling exists', () => {
    const rules = excludeRules({ '**/dist': true, '**/*.js': { when: '$(basename).ts' } });
    const present = new Set(['src/a.ts']);
    const exists = (p: string): boolean => present.has(p);
    assert.ok(isExcludedBy('dist/app.js', rules, exists));
    assert.ok(isExcludedBy('src/a.js', rules, exists), 'compiled output next to its source');
    assert.ok(!isExcludedBy('src/b.js', rules, exists), 'a plain JavaScript file');
    assert.ok(!isExcludedBy('src/a.ts', rules, exists));
  });

  it('builds one findFiles exclude pattern from the globs that can sit inside braces', () => {
    const rules = excludeRules({ '**/.git': true, '**/*.{js,map}': true, '**/*.js': { when: '$(basename).ts' } });
    assert.equal(findFilesExclude(rules), '{**/node_modules/**,**/.git}');
    assert.equal(findFilesExclude([]), '{**/node_modules/**}');
  });
});

describe('selecting the files of a folder', () => {
  const files = ['src/a.ts', 'src/a.js', 'src/b.d.ts', 'src/c.tsx', 'README.md', 'build/out.js', 'gen/x.ts', 'gen/keep.ts', 'lib/z.mjs'];

  it('keeps analysable files that no setting or .gitignore excludes', () => {
    const gitignore = [parseGitignore('/ws', 'build/\ngen/*\n!gen/keep.ts\n')];
    const selected = selectFiles(files, {
      excludes: excludeRules({ '**/*.js': { when: '$(basename).ts' } }),
      scope: { include: [], exclude: ['lib/**'] },
      ignored: (relPath, isDir) => isIgnored(gitignore, `/ws/${relPath}`, isDir),
    });
    assert.deepEqual(selected, ['src/a.ts', 'src/c.tsx', 'gen/keep.ts']);
  });

  it('keeps everything analysable without filters', () => {
    assert.deepEqual(selectFiles(files, { excludes: [], scope: { include: [], exclude: [] } }), ['src/a.ts', 'src/a.js', 'src/c.tsx', 'build/out.js', 'gen/x.ts', 'gen/keep.ts', 'lib/z.mjs']);
  });
});
