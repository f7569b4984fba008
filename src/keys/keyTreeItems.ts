import * as vscode from 'vscode';
import { formatBytes, formatTtl } from '../core/redis/keyspace/keyMetadata';
import { formatKeyName } from '../core/redis/keyspace/keyName';
import { formatKeyCount } from '../core/redis/bytes/formatCount';
import { Commands } from '../commands';
import { keyContextValue, type KeyTreeNode } from '../explorer/explorerNode';

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
