/** Class-shape entries from what a member resolves to (classShapes.ts, es5Shapes.ts). */
import { type ClassShape, type MemberEntry, isEmptyShape } from '../clients/classShape';
import type { Resolved } from '../clients/resolve';

/** Shapes nested deeper than this (`a.b.c.d.redis`) are left out of the data. */
const MAX_NESTING = 3;

export function setEntry(members: Record<string, MemberEntry>, name: string, resolved: Resolved): boolean {
  const entry = toEntry(resolved);
  if (entry) members[name] = entry;
  return entry !== undefined;
}

function toEntry(resolved: Resolved): MemberEntry | undefined {
  switch (resolved.r) {
    case 'client':
      return resolved.via === 'client' ? { as: 'client', kind: resolved.kind } : undefined;
    case 'returns':
      return { as: 'returns', kind: resolved.kind };
    case 'instance':
    case 'makes':
    case 'class':
      return isEmptyShape(resolved.shape) || nesting(resolved.shape) >= MAX_NESTING ? undefined : { as: resolved.r, shape: resolved.shape };
    default:
      return undefined;
  }
}

function nesting(shape: ClassShape): number {
  let deepest = 0;
  for (const entry of [...Object.values(shape.instance), ...Object.values(shape.statics)]) {
    if (entry.as === 'instance' || entry.as === 'makes' || entry.as === 'class') deepest = Math.max(deepest, 1 + nesting(entry.shape));
  }
  return deepest;
}
