import type { KeyTreeNode } from '../explorer/explorerNode';

/**
 * The node object already shown under this id, updated with `fresh`'s fields (VS Code refreshes
 * an element by the reference it was given), or `fresh`, remembered in `nodes`. A key keeps the
 * type and TTL it had when `fresh` carries none; a pattern folder's key count is whatever `fresh` says.
 */
export function reuseNode(nodes: Map<string, KeyTreeNode>, fresh: KeyTreeNode): KeyTreeNode {
  const existing = nodes.get(fresh.id);
  if (!existing) {
    nodes.set(fresh.id, fresh);
    return fresh;
  }
  const meta = existing.kind === 'key' ? existing.meta : undefined;
  if (existing.kind === 'pattern') {
    delete existing.count;
    delete existing.complete;
  }
  Object.assign(existing, fresh);
  if (existing.kind === 'key' && meta && !('meta' in fresh && fresh.meta)) existing.meta = meta;
  return existing;
}
