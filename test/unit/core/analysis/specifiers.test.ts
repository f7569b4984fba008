// Which specifiers name a module of the project, and which one a path alias names (specifiers.ts).
import assert from 'node:assert/strict';
import { ModulesByName, aliasPath, aliasTarget, isProjectSpecifier, nonRelativeTarget, suffixesOf } from '../../../../src/core/analysis/clients/specifiers';

describe('import specifiers', () => {
  it('reads path aliases by their shape and leaves packages alone', () => {
    assert.equal(aliasPath('@/lib/redis'), 'lib/redis');
    assert.equal(aliasPath('~/redis'), 'redis');
    assert.equal(aliasPath('~~/server/redis'), 'server/redis');
    assert.equal(aliasPath('~server/redis'), 'server/redis');
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
    const keys = (specifier: string): string[] => suffixesOf(specifier, key).map((s) => (s.folder ? `${s.key} (folder)` : s.key));
    // The scope may be a folder too (a tsconfig alias such as `@server/*`): tried first.
    // A scoped package's folder may carry the scope in its name (`packages/acme-shared/`): more specific, tried first.
    assert.deepEqual(keys('@acme/shared/redis'), [
      'acme/shared/redis',
      'acme-shared/redis',
      'acme-shared/src/redis',
      'acme-shared/lib/redis',
      'shared/redis',
      'shared/src/redis',
      'shared/lib/redis',
    ]);
    // A scoped name's own folder: only a folder's index (`packages/redis/index.ts`), not a file `…/redis.ts`.
    assert.deepEqual(keys('@acme/shared'), ['acme/shared', 'acme-shared (folder)', 'shared (folder)', 'acme-shared/src', 'acme-shared/lib', 'shared/src', 'shared/lib']);
    assert.deepEqual(keys('shared'), ['shared/src', 'shared/lib']);
    assert.deepEqual(keys('@/lib/redis'), ['lib/redis']);
    assert.deepEqual(keys('os'), []);
  });

  it('resolves a scoped package kept in a folder named with its scope (`@civitai/redis/client` in `civitai-redis/src/`)', () => {
    const byName = new ModulesByName();
    for (const file of ['packages/civitai-redis/src/client.ts', 'apps/web/src/server/redis/client.ts']) byName.add(file.replace(/\.ts$/, ''), file);
    const key = (p: string): string => p.replace(/\.[jt]s$/, '').replace(/\/index$/, '');
    assert.equal(nonRelativeTarget('apps/web/src/jobs/flip.ts', '@civitai/redis/client', byName, key), 'packages/civitai-redis/src/client');
  });

  it('resolves a scoped package to its folder index, not to a file of the same name', () => {
    const byName = new ModulesByName();
    for (const file of ['packages/redis/index.ts', 'packages/redis/redis.ts', 'apps/api/src/redis.ts']) byName.add(file.replace(/\.ts$/, '').replace(/\/index$/, ''), file);
    const key = (p: string): string => p.replace(/\.[jt]s$/, '').replace(/\/index$/, '');
    assert.equal(nonRelativeTarget('apps/api/src/controllers/misc.ts', '@openpanel/redis', byName, key), 'packages/redis');
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
