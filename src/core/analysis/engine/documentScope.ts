/**
 * The module scope of one document: its module-level bindings, resolving imports through the project index and
 * classes (and ES5 constructors) through the document's class shapes, read from its tree on demand.
 */
import { ModuleScope } from '../clients/moduleScope';
import type { ProjectIndex } from '../clients/projectIndex';
import type { ClassShapes } from './classShapes';
import type { Entry } from './entries';
import { moduleBindings } from './moduleBindings';

/** A path that names Redis (`stores/redis.js`, `RedisCache.ts`, `valkey/`): see ModuleScope.redisPath. */
const REDIS_PATH = /redis|valkey/i;
/**
 * Only the file's name and the folders just above it say what it is about (`packages/redis/src/lib/channel.ts`): the
 * folder a project was cloned into (`~/work/nestjs-redisx/apps/demo/src/plugins/…`) must not change the findings.
 */
const PATH_SEGMENTS = 4;
/** `.commandOptions`, `.getTimeoutRedisCommandOptions`: a command-options helper reached through a namespace. */
const COMMAND_OPTIONS_MEMBER = /\.\s*[\w$]*[cC]ommandOptions\b/;

export function pathNamesRedis(fileName: string): boolean {
  return REDIS_PATH.test(fileName.split(/[\\/]/).slice(-PATH_SEGMENTS).join('/'));
}

export function documentModuleScope(fileName: string, entries: readonly Entry[], text: string, project: ProjectIndex, classShapes: ClassShapes): ModuleScope {
  const scope = new ModuleScope(
    moduleBindings(entries, text),
    (specifier, name) => project.resolve(fileName, specifier, name),
    (specifier, name) => project.resolveKey(fileName, specifier, name),
    (name, module) => classShapes.shapeOf(name, module),
    (name) => classShapes.partialShape(name),
    pathNamesRedis(fileName),
    (specifier) => project.knows(fileName, specifier),
  );
  scope.es5Shapes = (ctor, module) => classShapes.es5.shapeOf(ctor, module);
  scope.es5KeyMember = (ctor, name) => classShapes.es5.keyMember(ctor, name);
  scope.factoryMethods = (creating) => classShapes.factoryMethods(scope, creating);
  scope.mentionsCommandOptions = () => COMMAND_OPTIONS_MEMBER.test(text);
  scope.projectFactories = (specifier) => project.factoriesOf(fileName, specifier);
  return scope;
}
