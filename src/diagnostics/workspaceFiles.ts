import * as vscode from 'vscode';
import type { Settings } from '../config';
import { excludeRules, findFilesExclude } from '../core/workspace/excludeSettings';
import { sourceFilesGlob } from '../core/workspace/fileScope';
import { selectFiles } from '../core/workspace/selectFiles';
import type { IgnoreFile } from '../core/workspace/gitignore';

export interface WorkspaceFile {
  uri: vscode.Uri;
  /** Relative to its workspace folder, `/`-separated: the name the analyzer sees. */
  name: string;
}

/**
 * The source files "Analyze Workspace" reads in one folder: every JS/TS file except those that
 * `files.exclude`, `search.exclude`, our include/exclude settings or a `.gitignore` leave out.
 */
export async function listWorkspaceFiles(folder: vscode.WorkspaceFolder, settings: Settings, token: vscode.CancellationToken): Promise<WorkspaceFile[]> {
  const analysis = settings.analysis(folder.uri).settings;
  if (!analysis.enabled) return [];
  const excludes = excludeRules(
    vscode.workspace.getConfiguration('files', folder.uri).get('exclude'),
    vscode.workspace.getConfiguration('search', folder.uri).get('exclude'),
  );
  const scopeExcludes = analysis.exclude.map((glob) => ({ glob }));
  const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, sourceFilesGlob()), findFilesExclude([...excludes, ...scopeExcludes]), undefined, token);
  const root = folder.uri.path.replace(/\/$/, '');
  const byName = new Map(found.map((uri) => [uri.path.slice(root.length + 1), uri]));
  // Imported on use: the module pulls in the analyzer's public API, which activation must not load.
  const { isIgnored, parseGitignore } = await import('../core/workspace/gitignore');
  const ignoreFiles = await readIgnoreFiles(folder, parseGitignore, token);
  const ignored = ignoreFiles.length > 0 ? (relPath: string, isDir: boolean) => isIgnored(ignoreFiles, `${root}/${relPath}`, isDir) : undefined;
  const names = selectFiles([...byName.keys()].sort(), { excludes, scope: analysis, ignored });
  return names.map((name) => ({ name, uri: byName.get(name) as vscode.Uri }));
}

/** Every `.gitignore` of the folder (each applies below its own directory). */
async function readIgnoreFiles(folder: vscode.WorkspaceFolder, parse: (base: string, text: string) => IgnoreFile, token: vscode.CancellationToken): Promise<IgnoreFile[]> {
  const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/.gitignore'), '**/node_modules/**', undefined, token);
  const files = await Promise.all(
    uris.map(async (uri) => {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      return parse(vscode.Uri.joinPath(uri, '..').path, text);
    }),
  );
  // Outer files first, so that a nested file's patterns are applied last and win.
  return files.sort((a, b) => a.base.length - b.base.length);
}
