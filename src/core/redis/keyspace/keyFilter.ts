import { globMatches } from './globMatch';
import { formatKeyName, KeyNameSyntaxError, parseKeyName } from './keyName';

/**
 * The key browser's filter. A plain string means "this exact key, or keys starting with it";
 * only text with glob characters is a keyspace-wide glob. Users asked for this after a typo'd
 * plain filter turned into a full scan of a production server with no prefix to stop at.
 */
export type KeyPattern =
  | { kind: 'all' }
  /** The exact key and every key that starts with these bytes. */
  | { kind: 'prefix'; prefix: Buffer }
  /** A Redis glob (`*`, `?`, `[…]`, `\` escapes) matched by SCAN … MATCH. */
  | { kind: 'glob'; pattern: Buffer };

export interface KeyFilter {
  pattern: KeyPattern;
  /** `SCAN … TYPE` value: string, list, set, zset, hash, stream, or a module type name. */
  type?: string;
  /** The text the user typed, kept for showing the filter state as written. */
  text?: string;
}

export const NO_FILTER: KeyFilter = { pattern: { kind: 'all' } };

/** The core types, for a type picker; modules add others (e.g. `ReJSON-RL`), which are accepted too. */
export const KNOWN_KEY_TYPES = ['string', 'list', 'set', 'zset', 'hash', 'stream'] as const;

export class KeyFilterError extends Error {
  override readonly name = 'KeyFilterError';
}

const GLOB_META = new Set([0x2a /* * */, 0x3f /* ? */, 0x5b /* [ */, 0x5d /* ] */, 0x5c /* \ */]);

/** Escapes glob metacharacters so the bytes match only themselves in SCAN … MATCH. */
export function escapeGlob(bytes: Uint8Array): Buffer {
  let metas = 0;
  for (const byte of bytes) if (GLOB_META.has(byte)) metas++;
  if (metas === 0) return Buffer.from(bytes);
  const out = Buffer.allocUnsafe(bytes.length + metas);
  let j = 0;
  for (const byte of bytes) {
    if (GLOB_META.has(byte)) out[j++] = 0x5c;
    out[j++] = byte;
  }
  return out;
}

/** `MATCH` for every key starting with `prefix`: the escaped prefix followed by `*`. */
export function prefixGlob(prefix: Uint8Array): Buffer {
  return Buffer.concat([escapeGlob(prefix), Buffer.from('*')]);
}

/** True when `text` has an unescaped `*`, `?` or `[`, i.e. the user wrote a glob. */
export function looksLikeGlob(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}

/**
 * Reads the filter box. Plain text is a key name in display form (so `\xff` means the byte 0xff,
 * as shown in the tree; `\*` is a literal star); glob text keeps its glob escapes (`\*` is a literal star) and also
 * understands the display escapes. Throws {@link KeyFilterError} with a hint on bad input.
 */
export function parseKeyFilter(text: string, type?: string): KeyFilter {
  const trimmedType = type?.trim();
  if (trimmedType !== undefined && trimmedType !== '' && !/^[A-Za-z0-9_.-]+$/.test(trimmedType)) {
    throw new KeyFilterError(`"${trimmedType}" is not a key type. Use one of ${KNOWN_KEY_TYPES.join(', ')} or a module type name.`);
  }
  const typePart = { ...(trimmedType ? { type: trimmedType } : {}), ...(text ? { text } : {}) };
  if (text === '') return { pattern: { kind: 'all' }, ...typePart };
  try {
    if (looksLikeGlob(text)) return { pattern: { kind: 'glob', pattern: globBytes(text) }, ...typePart };
    return { pattern: { kind: 'prefix', prefix: plainBytes(text) }, ...typePart };
  } catch (error) {
    if (error instanceof KeyNameSyntaxError) throw new KeyFilterError(`Filter ${error.message}`);
    throw error;
  }
}

/** Plain text → key bytes: display escapes, plus `\*` `\?` `\[` `\]`, which is how a user keeps a star literal. */
function plainBytes(text: string): Buffer {
  return parseKeyName(text.replace(/\\([\\*?[\]])/g, (escape: string, char: string) => (char === '\\' ? escape : char)));
}

const DISPLAY_ESCAPES = new Map<string, number>([['n', 0x0a], ['r', 0x0d], ['t', 0x09], ['a', 0x07], ['b', 0x08], ['"', 0x22], ["'", 0x27]]);

/** Glob text → MATCH bytes: display escapes become (glob-escaped) bytes, glob escapes stay. */
function globBytes(text: string): Buffer {
  const parts: Buffer[] = [];
  let plainStart = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '\\') continue;
    parts.push(Buffer.from(text.slice(plainStart, i), 'utf8'));
    const next = text[i + 1];
    if (next === undefined) throw new KeyNameSyntaxError(`"${text}" ends with a lone backslash; write \\\\ for a backslash.`);
    if (next === 'x' || next === 'X') {
      // Reuse the key-name parser for the byte so both forms report the same errors.
      parts.push(escapeGlob(parseKeyName(text.slice(i, i + 4))));
      i += 3;
    } else if (DISPLAY_ESCAPES.has(next)) {
      parts.push(Buffer.of(DISPLAY_ESCAPES.get(next) as number));
      i += 1;
    } else {
      parts.push(Buffer.from(`\\${next}`, 'utf8'));
      i += 1;
    }
    plainStart = i + 1;
  }
  parts.push(Buffer.from(text.slice(plainStart), 'utf8'));
  return Buffer.concat(parts);
}

/** What one SCAN must ask for to fill a folder of a filtered tree. */
export interface ScanPlan {
  /** `MATCH` argument; absent means every key (no MATCH at all, the fastest scan). */
  match?: Buffer;
  /** The folder prefix this scan makes complete when its cursor returns to 0 (empty = the whole tree). */
  scope: Buffer;
}

/**
 * The scan that loads `folderPrefix` under `filter`. Unfiltered and prefix-filtered trees scan
 * each folder with its own `MATCH folder*`, so a folder's first page is one round trip away; a
 * glob cannot be combined with a folder prefix in one pattern, so glob trees share one root scan.
 */
export function scanPlanFor(filter: KeyFilter, folderPrefix: Buffer): ScanPlan {
  const pattern = filter.pattern;
  const root = Buffer.alloc(0);
  switch (pattern.kind) {
    case 'all':
      return folderPrefix.length === 0 ? { scope: root } : { match: prefixGlob(folderPrefix), scope: folderPrefix };
    case 'prefix':
      if (startsWith(folderPrefix, pattern.prefix) && folderPrefix.length > 0) return { match: prefixGlob(folderPrefix), scope: folderPrefix };
      // The folder is an ancestor of the filter prefix (or unrelated, which a filtered tree never shows).
      return { match: prefixGlob(pattern.prefix), scope: root };
    case 'glob':
      return { match: pattern.pattern, scope: root };
  }
}

/** A short description for the view's filter state, e.g. `prefix "user:" · type hash`. */
export function describeKeyFilter(filter: KeyFilter): string {
  const parts: string[] = [];
  if (filter.pattern.kind === 'prefix') parts.push(`prefix "${filter.text ?? formatKeyName(filter.pattern.prefix)}"`);
  // A glob's bytes contain its own backslash escapes, so show the typed text rather than re-escaping them.
  if (filter.pattern.kind === 'glob') parts.push(`glob "${filter.text ?? filter.pattern.pattern.toString('latin1')}"`);
  if (filter.type) parts.push(`type ${filter.type}`);
  return parts.length ? parts.join(' · ') : 'all keys';
}

/** Whether a key's name passes the filter's pattern (the type is checked separately: it needs the server). */
export function nameMatches(pattern: KeyPattern, key: Uint8Array): boolean {
  if (pattern.kind === 'all') return true;
  return pattern.kind === 'prefix' ? startsWith(key, pattern.prefix) : globMatches(pattern.pattern, key);
}

export function isFiltered(filter: KeyFilter): boolean {
  return filter.pattern.kind !== 'all' || filter.type !== undefined;
}

export function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (prefix.length > bytes.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** How typed text is read where the user picks explicitly (Delete Keys Matching…). */
export type MatchMode = 'exact' | 'glob';

export type KeyTargetPattern = Exclude<KeyPattern, { kind: 'all' }>;

/**
 * Reads typed text in an explicit mode. 'exact' is a key name or prefix in display form (as Copy
 * Key Name writes it), where `*`, `?` and `[` are ordinary characters; 'glob' is a Redis glob.
 */
export function patternInMode(text: string, mode: MatchMode): KeyTargetPattern {
  if (text === '') throw new KeyFilterError('Type a key name or prefix, or a pattern.');
  try {
    return mode === 'exact' ? { kind: 'prefix', prefix: parseKeyName(text) } : { kind: 'glob', pattern: globBytes(text) };
  } catch (error) {
    if (error instanceof KeyNameSyntaxError) throw new KeyFilterError(error.message);
    throw error;
  }
}

/** What a bulk operation visits: one SCAN MATCH and TYPE, and a per-key check for what MATCH cannot also say. */
export interface KeySelection {
  match: Buffer;
  type?: string;
  keep?: (key: Buffer) => boolean;
}

/**
 * The keys of `target` that the tree shows under `filter`: their intersection. When one pattern
 * contains the other it is a single MATCH; otherwise the narrower MATCH is scanned and the other
 * pattern is checked on each key, exactly as the server would match it.
 */
export function selectionWithin(target: KeyTargetPattern, filter: KeyFilter): KeySelection {
  const match = target.kind === 'prefix' ? prefixGlob(target.prefix) : target.pattern;
  const type = filter.type;
  const shown = filter.pattern;
  if (shown.kind === 'all') return { match, type };
  if (shown.kind === 'prefix') {
    if (target.kind === 'prefix' && startsWith(target.prefix, shown.prefix)) return { match, type };
    if (target.kind === 'prefix' && startsWith(shown.prefix, target.prefix)) return { match: prefixGlob(shown.prefix), type };
    return { match, type, keep: (key) => startsWith(key, shown.prefix) };
  }
  return { match, type, keep: (key) => globMatches(shown.pattern, key) };
}
