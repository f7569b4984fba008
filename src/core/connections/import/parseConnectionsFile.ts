import { parseDocument } from 'yaml';
import { looksLikeAnotherRedisDesktopManager, parseAnotherRedisDesktopManager } from './anotherRedisDesktopManager';
import { ConnectionImportError, FORMAT_NAMES, isEntry, type ImportedConnection, type ImportFormat } from './importedConnection';
import { looksLikeRedisInsight, parseRedisInsight } from './redisInsight';
import { looksLikeRedisSpecialistExport, parseRedisSpecialistExport } from './redisSpecialistExport';
import { looksLikeTinyRdm, parseTinyRdm } from './tinyRdm';
import { looksLikeUrlList, parseUrlList } from './urlList';

export interface ParsedConnectionsFile {
  format: ImportFormat;
  connections: ImportedConnection[];
}

const KNOWN =
  "RedisInsight's JSON export, Another Redis Desktop Manager's connections.ano, Tiny RDM's connections.yaml, redis:// URLs one per line, or a Redis Specialist export";

/**
 * Reads a connections file of any supported tool, told apart by content (not by name: exports get
 * renamed). Everything is checked before anything is returned: a problem anywhere rejects the
 * whole file with one sentence naming the file and the entry, so nothing is half-imported.
 */
export function parseConnectionsFile(fileName: string, text: string): ParsedConnectionsFile {
  const format = detectFormat(fileName, text);
  try {
    return { format, connections: parseAs(format, text) };
  } catch (error) {
    if (error instanceof ConnectionImportError) throw new ConnectionImportError(`${fileName} (${FORMAT_NAMES[format]}): ${error.message}. Nothing was imported.`);
    throw error;
  }
}

function parseAs(format: ImportFormat, text: string): ImportedConnection[] {
  switch (format) {
    case 'url-list':
      return parseUrlList(text);
    case 'tiny-rdm':
      return parseTinyRdm(text);
    case 'another-redis-desktop-manager':
      return parseAnotherRedisDesktopManager(jsonOf(text) ?? jsonOf(fromBase64(text)));
    case 'redisinsight':
      return parseRedisInsight(jsonOf(text) ?? jsonOf(fromBase64(text)));
    case 'redis-specialist':
      return parseRedisSpecialistExport(jsonOf(text));
  }
}

/** Which tool wrote `text`; a clear error when none of them did. */
export function detectFormat(fileName: string, text: string): ImportFormat {
  const content = text.replace(/^\uFEFF/, '').trim();
  if (!content) throw new ConnectionImportError(`${fileName} is empty: there is no connection to import.`);
  if (looksLikeUrlList(content)) return 'url-list';
  const json = jsonOf(content);
  if (json !== undefined) return jsonFormat(fileName, json);
  if (/^[A-Za-z0-9+/=\s]+$/.test(content)) {
    // Another Redis Desktop Manager writes base64 (RedisInsight's import accepts it too).
    const decoded = jsonOf(fromBase64(content));
    if (decoded !== undefined) return jsonFormat(fileName, decoded, 'another-redis-desktop-manager');
  }
  if (/^\s*[[{]/.test(content)) {
    throw new ConnectionImportError(`${fileName} is not valid JSON (${jsonError(content)}). Nothing was imported.`);
  }
  const yaml = parseDocument(content);
  const value: unknown = yaml.errors.length ? undefined : yaml.toJS();
  if (Array.isArray(value) && value.some((entry) => isEntry(entry) && looksLikeTinyRdm(entry))) return 'tiny-rdm';
  if (yaml.errors.length && /^\s*-\s/m.test(content)) return 'tiny-rdm';
  throw new ConnectionImportError(`${fileName} is not a connections file Redis Specialist knows: it reads ${KNOWN}.`);
}

function jsonFormat(fileName: string, json: unknown, fallback: ImportFormat = 'redisinsight'): ImportFormat {
  if (looksLikeRedisSpecialistExport(json)) return 'redis-specialist';
  if (!Array.isArray(json)) throw new ConnectionImportError(`${fileName} is JSON but not a list of connections: it reads ${KNOWN}. Nothing was imported.`);
  const entries = json.filter(isEntry);
  if (entries.some(looksLikeRedisInsight)) return 'redisinsight';
  if (entries.some(looksLikeAnotherRedisDesktopManager)) return 'another-redis-desktop-manager';
  // A bare list of {host, port, name, password}: both tools read it the same way.
  return fallback;
}

function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    return undefined;
  }
}

function jsonError(text: string): string {
  try {
    JSON.parse(text);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

function fromBase64(text: string): string {
  return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
}
