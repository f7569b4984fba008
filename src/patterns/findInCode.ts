import * as vscode from 'vscode';
import { compileTemplate, TemplateMatcher } from '../core/patterns/patternMatcher';
import type { CodePattern, PatternSite } from '../core/patterns/patternIndex';
import { formatKeyName } from '../core/redis/keyspace/keyName';
import type { WorkspacePatterns } from './workspacePatterns';

/** The code patterns a key, or the keys below a folder prefix, may belong to. */
export function patternsFor(patterns: readonly CodePattern[], what: { key: Buffer } | { prefix: Buffer }): CodePattern[] {
  if ('key' in what) {
    const matched = new TemplateMatcher(patterns.map((p) => p.pattern)).match(what.key);
    return matched ? patterns.filter((p) => p.pattern === matched.template) : [];
  }
  // A folder: patterns whose fixed start lies inside it, or that lead into it.
  return patterns.filter((p) => {
    const [first] = compileTemplate(p.pattern).pieces;
    const n = Math.min(first.length, what.prefix.length);
    return first.subarray(0, n).equals(what.prefix.subarray(0, n)) && (first.length >= what.prefix.length || compileTemplate(p.pattern).pieces.length > 1);
  });
}

/** "Find in Code": the call sites of the patterns a key or folder belongs to, in a quick pick (the pick opens the line). */
export async function findInCode(workspace: WorkspacePatterns, what: { key: Buffer } | { prefix: Buffer }): Promise<PatternSite[]> {
  await workspace.ensureIndexed();
  const sites = patternsFor(workspace.index.patterns(), what).flatMap((p) => p.sites);
  const name = formatKeyName('key' in what ? what.key : what.prefix);
  if (sites.length === 0) {
    void vscode.window.showInformationMessage(`No Redis call in the workspace code builds ${'key' in what ? `the key ${name}` : `keys under ${name}`}.`);
    return sites;
  }
  // Not awaited: the command answers with the sites (tests, keybindings) while the pick is open.
  void pickSite(workspace, sites, name);
  return sites;
}

async function pickSite(workspace: WorkspacePatterns, sites: readonly PatternSite[], name: string): Promise<void> {
  const picked = await vscode.window.showQuickPick(
    sites.map((site) => ({ label: `${site.command} ${site.template}`, description: `${site.file}:${site.line + 1}`, detail: site.ttl ? `${site.access}, TTL ${site.ttl}` : site.access, site })),
    { title: `Find in Code: ${name}`, placeHolder: `${sites.length} call site${sites.length === 1 ? '' : 's'}`, matchOnDescription: true },
  );
  const uri = picked && workspace.uriOf(picked.site.file);
  if (!picked || !uri) return;
  const position = new vscode.Position(picked.site.line, picked.site.column);
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position) });
}
