/**
 * The names around a call — its class (with what that class extends) and its function — as one
 * string of words: what a store or a cache calls itself (`class UpstashStore extends MastraStorage`,
 * `saveUser`, `RedisCache.remember`). Rules read intent from it (durableKeys.ts).
 */
import type { Node } from 'web-tree-sitter';
import { CLASS_TYPES, FUNCTION_TYPES, functionName, memberPath } from '../syntax';
import type { Ancestry } from './ancestry';

const MAX_HEAD = 200;

export function ownerOf(call: Node, fn: Node | null, ancestry: Ancestry, textOf: (node: Node) => string): string {
  const parts: string[] = [];
  const cls = ancestry.nearest(call, CLASS_TYPES);
  if (cls) {
    // `class A extends B {` or `var A = class extends B {`: the head up to the body, and the variable's name.
    const body = cls.childForFieldName('body');
    parts.push(textOf(cls).slice(0, Math.min(MAX_HEAD, (body?.startIndex ?? cls.endIndex) - cls.startIndex)));
    const declarator = cls.type === 'class' ? ancestry.parent(cls) : null;
    if (declarator?.type === 'variable_declarator') parts.push(textOf(declarator.childForFieldName('name') ?? declarator).slice(0, MAX_HEAD));
  }
  if (fn) parts.push(functionName(fn) ?? calledBackFrom(fn, ancestry));
  // `Cache.prototype.add = function …`: an ES5 class's method; its constructor's name is the class's.
  if (!cls && fn) {
    const assignment = ancestry.parent(fn);
    const left = assignment?.type === 'assignment_expression' ? assignment.childForFieldName('left') : null;
    const path = left ? memberPath(left) : null;
    if (path && path[1] === 'prototype') parts.push(path[0]);
  }
  return parts.join(' ');
}

/**
 * An unnamed callback given to a call (`async.retry(opts, (cb) => client.set(key, …, 'NX'))` in `lock(key)`) runs for
 * the function it is written in: that function's name, through nested callbacks ('' when none has one).
 */
function calledBackFrom(fn: Node, ancestry: Ancestry): string {
  let current: Node | null = fn;
  for (let depth = 0; current && depth < 8; depth++) {
    if (ancestry.parent(current)?.type !== 'arguments') return '';
    current = ancestry.nearest(current, FUNCTION_TYPES);
    const name = current ? functionName(current) : null;
    if (name) return name;
  }
  return '';
}
