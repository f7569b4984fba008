// Which specifiers name a module of the project, and which one a path alias names (specifiers.ts).
import assert from 'node:assert/strict';
import { aliasPath, aliasTarget, isProjectSpecifier } from '../../../../src/core/analysis/clients/specifiers';

describe('import specifiers', () => {
  it('reads path aliases by their shape and leaves packages alone', () => {
    assert.equal(aliasPath('@/lib/redis'), 'lib/redis');
    assert.equal(aliasPath('~/redis'), 'redis');
    assert.equal(aliasPath('~~/server/redis'), 'server/redis');
    assert.equal(aliasPath('#src/caches/index.js'), 'src/caches/index.js');
    assert.equal(aliasPath('src/modules/redis/redis.service'), 'src/modules/redis/redis.service');
    for (const pkg of ['ioredis', '@redis/client', '@nestjs/common', 'redis', 'lodash/get', './db', '../db']) assert.equal(aliasPath(pkg), undefined, pkg);
    assert.ok(isProjectSpecifier('./db') && isProjectSpecifier('..') && isProjectSpecifier('@/db'));
    assert.ok(!isProjectSpecifier('@scope/db') && !isProjectSpecifier('ioredis'));
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
