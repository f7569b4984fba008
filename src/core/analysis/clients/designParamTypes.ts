/**
 * TypeScript's decorator metadata in compiled JavaScript: `X = __decorate([…, __metadata("design:paramtypes",
 * [ioredis_1.Redis, String])], X)` keeps the types of X's constructor parameters, which the compiled constructor
 * (`constructor(redis, prefix)`) has lost. Dependency-injected services (NestJS, TypeDI) get their clients this way.
 */
import type { Node } from 'web-tree-sitter';
import type { TypeDesc } from './typeDescriptions';

const PARAM_TYPES = /__metadata\(\s*(["'])design:paramtypes\1\s*,\s*\[/g;
/** `typeof (_a = typeof ioredis_1.Redis !== "undefined" && ioredis_1.Redis) === "function" ? _a : Object` */
const GUARDED_TYPE = /typeof\s+([A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*)\s*!==\s*["']undefined["']/;
const DOTTED = /^[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*$/;

/** Per tree: each class's list of parameter type expressions (null: the file has no such metadata). */
const cache = new WeakMap<object, Map<string, readonly string[]> | null>();

/** The type of parameter `index` of the constructor `ctor` (a method_definition), from the class's design metadata. */
export function designParamType(ctor: Node, index: number): TypeDesc | undefined {
  const body = ctor.parent;
  const cls = body?.type === 'class_body' ? body.parent : null;
  const name = cls ? className(cls) : undefined;
  if (!name) return undefined;
  const path = paramTypes(ctor.tree.rootNode).get(name)?.[index];
  return path ? { t: 'path', path: path.split('.').map((p) => p.trim()) } : undefined;
}

/** `class X {}`, `let X = class X {}`, `let X = class {}`. */
function className(cls: Node): string | undefined {
  const own = cls.childForFieldName('name')?.text;
  if (own) return own;
  const declarator = cls.parent;
  return declarator?.type === 'variable_declarator' ? declarator.childForFieldName('name')?.text : undefined;
}

function paramTypes(root: Node): Map<string, readonly string[]> {
  const known = cache.get(root.tree);
  if (known !== undefined) return known ?? new Map<string, readonly string[]>();
  const byClass = new Map<string, readonly string[]>();
  const text = root.text;
  for (const m of text.matchAll(PARAM_TYPES)) {
    const list = root.descendantForIndex(m.index + m[0].length - 1)?.parent;
    const metadata = list?.parent?.parent;
    const decorators = metadata?.parent;
    const decorate = decorators?.parent?.parent;
    if (list?.type !== 'array' || metadata?.type !== 'call_expression' || decorators?.type !== 'array' || decorate?.type !== 'call_expression') continue;
    // `__decorate([…], X)` decorates the class; `__decorate([…], X.prototype, "m", null)` a method.
    const args = decorate.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => a !== null) ?? [];
    if (args.length !== 2 || args[0].id !== decorators.id || args[1].type !== 'identifier') continue;
    byClass.set(args[1].text, list.namedChildren.map((element) => typeName(element?.text ?? '')));
  }
  cache.set(root.tree, byClass.size > 0 ? byClass : null);
  return byClass;
}

/** The type a metadata entry names (`ioredis_1.Redis`), or '' when it names none that could matter. */
function typeName(text: string): string {
  const name = DOTTED.test(text) ? text : (GUARDED_TYPE.exec(text)?.[1] ?? '');
  return name.replace(/\s+/g, '');
}
