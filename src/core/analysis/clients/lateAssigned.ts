import type { Node } from 'web-tree-sitter';
import { isClusterCreation, unwrap } from '../syntax';

/**
 * `let client;` in a function, assigned later (`client = new Redis()`, often in a lazy getter nested
 * in it): the first assignment that creates a value, preferring a standalone one over a
 * `new …Cluster(…)` (like `Redis | Cluster`; `orCluster` says another assignment creates a Cluster).
 * Module-level names: engine/moduleBindings.ts.
 */
export function lateAssignedCreation(declarator: Node, name: string): { node: Node; orCluster: boolean } | undefined {
  const scope = declarator.parent?.parent;
  if (!scope || scope.type !== 'statement_block') return undefined;
  let found: Node | undefined;
  let cluster = false;
  for (const assignment of scope.descendantsOfType('assignment_expression')) {
    if (assignment?.childForFieldName('left')?.text !== name) continue;
    const right = unwrap(assignment.childForFieldName('right') ?? assignment);
    if (right.type !== 'new_expression' && right.type !== 'call_expression') continue;
    cluster ||= isClusterCreation(right);
    if (!found || isClusterCreation(found)) found = right;
  }
  return found ? { node: found, orCluster: cluster && !isClusterCreation(found) } : undefined;
}
