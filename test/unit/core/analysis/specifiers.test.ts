// Which specifiers name a module of the project, and which one a path alias names (specifiers.ts).
import assert from 'node:assert/strict';
import { aliasPath, aliasTarget, isProjectSpecifier, suffixesOf } from '../../../../src/core/analysis/clients/specifiers';

describe('import specifiers', () => {
  it('reads path aliases by their shape and leaves packages alone', () => {
    assert.equal(aliasPath('@/lib/redis'), 'lib/redis');
    assert.equal(aliasPath('~/redis'), 'redis');
    assert.equal(aliasPath('~~/server/redis'), 'server/redis');
    assert.equal(aliasPath('#src/caches/index.js'), 'src/caches/index.js');
    assert.equal(aliasPath('src/modules/redis/redis.service'), 'src/modules/redis/redis.service');
    for (const pkg of ['ioredis', '@redis/client', '@nestjs/common', 'redis', 'lodash/get', './db', '../db']) assert.equal(aliasPath(pkg), undefined, pkg);
    assert.ok(isProjectSpecifier('./db') && isProjectSpecifier('..') && isProjectSpecifier('@/db'));
    // A monorepo's own packages may be imported by name; Node's modules never name a project module.
    assert.ok(isProjectSpecifier('@acme/shared') && isProjectSpecifier('api-shared/utils'));
    assert.ok(!isProjectSpecifier('node:fs') && !isProjectSpecifier('fs') && !isProjectSpecifier('https://x.test/a.js'));
  });

  it('names the paths a package specifier may be under: its folder, src/ or lib/; a bare name only src/ or lib/ unless scoped', () => {
    const key = (p: string): string => p.replace(/\/index$/, '');
    assert.deepEqual(suffixesOf('@acme/shared/redis', key), ['shared/redis', 'shared/src/redis', 'shared/lib/redis']);
    assert.deepEqual(suffixesOf('@acme/shared', key), ['shared', 'shared/src', 'shared/lib']);
    assert.deepEqual(suffixesOf('shared', key), ['shared/src', 'shared/lib']);
    assert.deepEqual(suffixesOf('@/lib/redis', key), ['lib/redis']);
    assert.deepEqual(suffixesOf('os', key), []);
  });

  it('finds the module whose path ends with the alias, the importer’s own package first, none on a tie', () => {
    const modules = ['packages/api/src/lib/redis', 'packages/web/src/lib/redis', 'apps/x/lib/redis', 'src/other/redis'];
    assert.equal(aliasTarget('packages/web/src/pages/index.ts', 'lib/redis', modules), 'packages/web/src/lib/redis');
    assert.equal(aliasTarget('packages/api/src/routes/users.ts', 'lib/redis', modules), 'packages/api/src/lib/redis');
    // Three modules end with `lib/redis` and none shares more of the importer's path than the others.
    assert.equal(aliasTarget('tools/script.ts', 'lib/redis', modules), undefined);
    assert.equal(aliasTarget('tools/script.ts', 'other/redis', modules), 'src/other/redis');
    // A suffix must end at a `/`: `xredis` is not `redis`.
    assert.equal(aliasTarget('a.ts', 'redis', ['src/xredis']), undefined);
  });
});
