import * as vscode from 'vscode';
import type { PatternSite } from '../core/patterns/patternIndex';
import { collapseStars } from '../core/patterns/patternFolders';
import { patternsForKey } from '../core/patterns/patternsForKey';
import { formatKeyName } from '../core/redis/keyspace/keyName';
import type { WorkspacePatterns } from './workspacePatterns';

/**
 * "Find in Code": the call sites of the patterns a key or folder belongs to, or of a pattern folder
 * of the key browser (by its glob), in a quick pick (the pick opens the line).
 */
export async function findInCode(workspace: WorkspacePatterns, what: { key: Buffer } | { prefix: Buffer } | { glob: string; pattern: string }): Promise<PatternSite[]> {
  await workspace.ensureIndexed();
  const patterns = 'glob' in what ? workspace.index.patterns().filter((p) => collapseStars(p.glob) === what.glob) : patternsForKey(workspace.index.patterns(), what);
  const sites = patterns.flatMap((p) => p.sites);
  const name = 'glob' in what ? what.pattern : formatKeyName('key' in what ? what.key : what.prefix);
  if (sites.length === 0) {
    void vscode.window.showInformationMessage(`No Redis call in the workspace code builds ${'key' in what ? `the key ${name}` : 'glob' in what ? `keys of ${name} any more` : `keys under ${name}`}.`);
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
