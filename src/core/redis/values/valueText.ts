import { displayBytes } from '../bytes/bytesDisplay';
import { parseKeyName } from '../keyspace/keyName';

/**
 * How a value's bytes are shown for reading and editing:
 * - `json`: UTF-8 text that parses as a JSON object or array, shown pretty-printed;
 * - `text`: UTF-8 text without hidden control characters, shown as is;
 * - `binary`: anything else, shown with redis-cli style escapes (`\xNN`), which
 *   {@link parseValueText} turns back into the exact bytes.
 */
export type ValueFormat = 'json' | 'text' | 'binary';

export interface ValueText {
  format: ValueFormat;
  text: string;
  /** For json: whether the stored text was compact (no whitespace between tokens), so a save can keep that style. */
  compactJson?: boolean;
}

export function describeValue(bytes: Buffer): ValueText {
  const text = bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes) || HIDDEN_CONTROL.test(text)) return { format: 'binary', text: displayBytes(bytes) };
  if (looksLikeJsonDocument(text)) {
    const pretty = reformatJson(text, 2);
    return { format: 'json', text: pretty, compactJson: reformatJson(text, 0) === text };
  }
  return { format: 'text', text };
}

/** Readable text for bytes (clipboard, exports): UTF-8 as it is, anything else with redis-cli escapes. */
export function readableText(bytes: Buffer): string {
  return describeValue(bytes).format === 'binary' ? displayBytes(bytes) : bytes.toString('utf8');
}

/** Controls other than tab/newline/CR, DEL, C1 controls and bidi overrides ("Trojan Source"). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const HIDDEN_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/;

function looksLikeJsonDocument(text: string): boolean {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export class ValueTextError extends Error {
  override readonly name = 'ValueTextError';
}

/**
 * The bytes to store for text edited in a given format. JSON must still parse (the message
 * says where it does not) and is stored compact when the original was compact.
 */
export function parseValueText(text: string, format: ValueFormat, compactJson = false): Buffer {
  if (format === 'binary') {
    try {
      return parseKeyName(text);
    } catch (error) {
      throw new ValueTextError((error as Error).message);
    }
  }
  if (format === 'json') {
    try {
      JSON.parse(text);
    } catch (error) {
      throw new ValueTextError(`The value is no longer valid JSON (${(error as Error).message}). Fix it, or reopen the key as text.`);
    }
    return Buffer.from(compactJson ? reformatJson(text, 0) : text, 'utf8');
  }
  return Buffer.from(text, 'utf8');
}

/**
 * Re-indents JSON token by token, keeping every number and string exactly as written: a
 * `JSON.parse`/`stringify` round trip would turn 12345678901234567890 into 12345678901234567000.
 * `indent` 0 gives the compact form. The input must be valid JSON.
 */
export function reformatJson(text: string, indent: number): string {
  const pad = (depth: number): string => (indent > 0 ? '\n' + ' '.repeat(indent * depth) : '');
  let out = '';
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      const next = nextNonSpace(text, i + 1);
      if (text[next] === close) {
        out += c + close;
        i = next + 1;
      } else {
        depth++;
        out += c + pad(depth);
        i++;
      }
    } else if (c === '}' || c === ']') {
      depth--;
      out += pad(depth) + c;
      i++;
    } else if (c === ',') {
      out += ',' + pad(depth);
      i++;
    } else if (c === ':') {
      out += indent > 0 ? ': ' : ':';
      i++;
    } else {
      const start = i;
      while (i < text.length && !' \t\n\r,:]}'.includes(text[i])) i++;
      out += text.slice(start, i);
    }
  }
  return out;
}

function stringEnd(text: string, openQuote: number): number {
  let i = openQuote + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

function nextNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  return i;
}

/** Classic 16-bytes-per-line hex dump: offset, hex bytes, printable ASCII. */
export function hexDump(bytes: Buffer, baseOffset = 0): string {
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += 16) {
    const row = bytes.subarray(at, at + 16);
    const hex = [...row].map((b) => b.toString(16).padStart(2, '0'));
    const left = hex.slice(0, 8).join(' ');
    const right = hex.slice(8).join(' ');
    const ascii = [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${(baseOffset + at).toString(16).padStart(8, '0')}  ${left.padEnd(23)}  ${right.padEnd(23)}  |${ascii}|`);
  }
  return lines.join('\n');
}
