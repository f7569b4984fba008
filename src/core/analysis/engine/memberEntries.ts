/** Class-shape entries from what a member resolves to (classShapes.ts, es5Shapes.ts). */
import { type ClassShape, type MemberEntry, emptyShape, isEmptyShape } from '../clients/classShape';
import { type Resolved, resolveValue } from '../clients/resolve';

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
      return resolved.fresh ? { as: 'returns', kind: resolved.kind, fresh: true } : { as: 'returns', kind: resolved.kind };
    case 'instance':
    case 'makes':
    case 'class':
      return isEmptyShape(resolved.shape) || nesting(resolved.shape) >= MAX_NESTING ? undefined : { as: resolved.r, shape: resolved.shape };
    case 'object': {
      // `clients: { redisClient?: Redis }`, `{ cache: client }`: an object whose members hold clients is an instance of that shape.
      const shape = objectShape(resolved);
      return shape ? { as: 'instance', shape } : undefined;
    }
    default:
      return undefined;
  }
}

/** The shape of an object's members that hold clients (`{ clients: { redis } }` nested up to MAX_NESTING), or undefined. */
export function objectShape(resolved: Extract<Resolved, { r: 'object' }>, depth = 0): ClassShape | undefined {
  if (!resolved.props || depth >= MAX_NESTING) return undefined;
  const shape = emptyShape();
  for (const prop of resolved.props) {
    const value = resolveValue(prop.value, resolved.env, null, 0);
    if (value.r === 'object') {
      const nested = objectShape(value, depth + 1);
      if (nested) shape.instance[prop.key] = { as: 'instance', shape: nested };
    } else setEntry(shape.instance, prop.key, value);
  }
  return isEmptyShape(shape) ? undefined : shape;
}

function nesting(shape: ClassShape): number {
  let deepest = 0;
  for (const entry of [...Object.values(shape.instance), ...Object.values(shape.statics)]) {
    if (entry.as === 'instance' || entry.as === 'makes' || entry.as === 'class') deepest = Math.max(deepest, 1 + nesting(entry.shape));
  }
  return deepest;
}
