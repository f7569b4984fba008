import * as vscode from 'vscode';
import { formatBytes, formatTtl } from '../core/redis/keyspace/keyMetadata';
import { formatKeyName } from '../core/redis/keyspace/keyName';
import { formatKeyCount } from '../core/redis/bytes/formatCount';
import { Commands } from '../commands';
import { keyContextValue, type KeyTreeNode, type NodeOf } from '../explorer/explorerNode';

/** Call sites listed in a pattern folder's tooltip (Find in Code lists them all). */
const TOOLTIP_SITES = 8;

/** Codicons per Redis type, so a key's type reads at a glance. */
const TYPE_ICONS: Record<string, string> = {
  string: 'symbol-string',
  hash: 'symbol-object',
  list: 'list-unordered',
  set: 'symbol-array',
  zset: 'list-ordered',
  stream: 'pulse',
  'ReJSON-RL': 'json',
  none: 'circle-slash',
};

/** How each key-tree node looks: labels escape binary names like redis-cli, descriptions carry counts and TTLs. */
export function keyTreeItem(node: KeyTreeNode): vscode.TreeItem {
  switch (node.kind) {
    case 'folder': {
      const item = new vscode.TreeItem(formatKeyName(node.name) || '(empty)', node.expand ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = node.id;
      item.description = formatKeyCount(node.count, node.complete);
      item.iconPath = vscode.ThemeIcon.Folder;
      item.tooltip = `${formatKeyName(node.prefix)}*\n${formatKeyCount(node.count, node.complete)} ${node.count === 1 ? 'key' : 'keys'} loaded${node.complete ? '' : ' so far'}`;
      item.contextValue = 'keyFolder';
      return item;
    }
    case 'key': {
      const item = new vscode.TreeItem(formatKeyName(node.name), vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      const type = node.meta?.type ?? 'unknown';
      const ttl = node.meta ? formatTtl(node.meta.ttlMs) : '';
      const memory = node.meta?.memoryBytes !== undefined ? formatBytes(node.meta.memoryBytes) : '';
      item.description = [ttl, memory].filter(Boolean).join(' · ');
      item.iconPath = new vscode.ThemeIcon(TYPE_ICONS[type] ?? 'symbol-key');
      const tooltip = new vscode.MarkdownString();
      tooltip.appendCodeblock(formatKeyName(node.key), 'text');
      tooltip.appendMarkdown(`**${type}** · ${ttl || 'TTL unknown'}${memory ? ` · ${memory}` : ''}`);
      if (node.meta?.error) tooltip.appendMarkdown(`\n\n$(warning) ${node.meta.error}`);
      item.tooltip = tooltip;
      item.contextValue = keyContextValue(node.meta?.type);
      item.command = { command: Commands.openKey, title: 'Open Key', arguments: [node] };
      return item;
    }
    case 'loadMore': {
      const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.tooltip = 'Continue the SCAN of this folder';
      item.contextValue = 'loadMore';
      item.command = { command: Commands.loadMoreKeys, title: 'Load More', arguments: [node] };
      return item;
    }
    case 'pattern':
      return patternFolderItem(node);
    case 'otherKeys': {
      const item = new vscode.TreeItem('Other keys', vscode.TreeItemCollapsibleState.Collapsed);
      item.id = node.id;
      item.description = 'every key, by folder';
      item.iconPath = new vscode.ThemeIcon('list-tree');
      const delimiter = node.scope.connection.keyDelimiter;
      const tooltip = new vscode.MarkdownString();
      tooltip.appendMarkdown(`Every key of db${node.scope.db} in folders by \`${delimiter}\`, as without key patterns (scanned when opened).`);
      if (node.tooBroad.length) tooltip.appendMarkdown(`\n\nPatterns of the code too broad for a folder (their keys are here): ${node.tooBroad.map((t) => `\`${t}\``).join(', ')}`);
      item.tooltip = tooltip;
      item.contextValue = 'otherKeys';
      return item;
    }
    case 'notice': {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon(node.icon);
      item.tooltip = node.text;
      item.contextValue = 'notice';
      return item;
    }
  }
}

/** A key pattern from code: the template, its number of call sites (and keys once scanned), the sites in the tooltip. */
function patternFolderItem(node: NodeOf<'pattern'>): vscode.TreeItem {
  const { folder } = node;
  const item = new vscode.TreeItem(folder.pattern, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  const sites = `${folder.sites.length} ${folder.sites.length === 1 ? 'site' : 'sites'}`;
  const keys = node.count === undefined ? undefined : `${formatKeyCount(node.count, node.complete === true)} ${node.count === 1 ? 'key' : 'keys'}`;
  item.description = [sites, keys].filter(Boolean).join(' · ');
  item.iconPath = new vscode.ThemeIcon('symbol-namespace');
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown('**Key pattern from the code**, listed with `SCAN … MATCH`');
  tooltip.appendCodeblock(folder.glob, 'text');
  if (folder.templates.length > 1) tooltip.appendMarkdown(`Written as ${folder.templates.map((t) => `\`${t}\``).join(', ')}\n\n`);
  const shown = folder.sites.slice(0, TOOLTIP_SITES).map((s) => `${s.command} at ${s.file}:${s.line + 1}`);
  if (folder.sites.length > TOOLTIP_SITES) shown.push(`and ${folder.sites.length - TOOLTIP_SITES} more (Find in Code)`);
  // As text: file names may hold Markdown characters; each line its own paragraph.
  tooltip.appendText(shown.join('\n'));
  tooltip.appendMarkdown(`\n\n${keys ? `${keys} loaded${node.complete ? '' : ' so far'}` : 'Scanned when opened.'}`);
  item.tooltip = tooltip;
  item.contextValue = 'keyPatternFolder';
  return item;
}
