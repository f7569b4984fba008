import type { RespValue } from './resp';
import { escapeControls } from './terminalText';

/**
 * Reply text exactly as redis-cli prints it on a terminal (its `cliFormatReplyTTY`): `(integer) 1`,
 * `(nil)`, quoted strings with C escapes, `(error) …`, numbered nested arrays indented by the
 * width of the numbers, RESP3 maps `1# "k" => "v"`, sets `1~ …`, `(double) 1.5`, `(true)`.
 * Lines end with "\n"; a terminal adapter turns them into "\r\n". Server text is written with its
 * control characters escaped (terminalText.ts), in every reply type: another client wrote it.
 */
export function formatReply(reply: RespValue, prefix = ''): string {
  switch (reply.type) {
    case 'error':
      return `(error) ${escapeControls(reply.value)}\n`;
    case 'simple':
      return `${escapeControls(reply.value)}\n`;
    case 'integer':
      return `(integer) ${escapeControls(reply.value)}\n`;
    case 'double':
      return `(double) ${escapeControls(reply.value)}\n`;
    case 'bignum':
      // redis-cli 7.0 has no case for big numbers (it aborts); later versions print this.
      return `(big number) ${escapeControls(reply.value)}\n`;
    case 'bulk':
      return `${quoteBytes(reply.value)}\n`;
    case 'verbatim':
      return `${escapeControls(reply.value.toString('utf8'))}\n`;
    case 'null':
      return '(nil)\n';
    case 'boolean':
      return reply.value ? '(true)\n' : '(false)\n';
    case 'array':
    case 'set':
    case 'push':
    case 'map':
      return formatAggregate(reply, prefix);
  }
}

const EMPTY: Record<string, string> = { array: '(empty array)\n', map: '(empty hash)\n', set: '(empty set)\n', push: '(empty push)\n' };
const NUMBER_SUFFIX: Record<string, string> = { array: ')', push: ')', set: '~', map: '#' };

function formatAggregate(reply: Extract<RespValue, { items: RespValue[] }>, prefix: string): string {
  const items = reply.items;
  if (items.length === 0) return EMPTY[reply.type];
  const isMap = reply.type === 'map';
  const entries = isMap ? items.length / 2 : items.length;
  const width = String(Math.floor(entries)).length;
  // Nested replies are indented by the number's width plus ") ".
  const childPrefix = prefix + ' '.repeat(width + 2);
  const suffix = NUMBER_SUFFIX[reply.type];
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const number = (isMap ? i / 2 : i) + 1;
    // The parent already wrote the indentation of the first line.
    out += `${i === 0 ? '' : prefix}${String(number).padStart(width)}${suffix} `;
    out += formatReply(items[i], childPrefix);
    if (isMap) {
      i++;
      out = out.slice(0, -1) + ' => ';
      // redis-cli 7 starts a multi-line value on its own line so its numbers align.
      if (isMultiline(items[i])) out += '\n' + childPrefix;
      out += formatReply(items[i], childPrefix);
    }
  }
  return out;
}

/** redis-cli's `cliIsMultilineValueTTY`. */
function isMultiline(reply: RespValue): boolean {
  if (reply.type === 'array' || reply.type === 'set' || reply.type === 'push') {
    return reply.items.length > 1 || (reply.items.length === 1 && isMultiline(reply.items[0]));
  }
  if (reply.type === 'map') return reply.items.length > 2 || (reply.items.length === 2 && isMultiline(reply.items[1]));
  return false;
}

/**
 * redis-cli's `sdscatrepr`: double quotes, `\\` and `\"` escaped, \n \r \t \a \b named, other
 * bytes outside printable ASCII as `\xNN` (redis-cli runs in the C locale, so é is `\xc3\xa9`).
 */
export function quoteBytes(bytes: Uint8Array): string {
  let out = '"';
  for (const b of bytes) {
    if (b === 0x5c || b === 0x22) out += '\\' + String.fromCharCode(b);
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b === 0x09) out += '\\t';
    else if (b === 0x07) out += '\\a';
    else if (b === 0x08) out += '\\b';
    else if (b >= 0x20 && b <= 0x7e) out += String.fromCharCode(b);
    else out += '\\x' + b.toString(16).padStart(2, '0');
  }
  return out + '"';
}

/**
 * redis-cli prints some replies raw even on a terminal, because they are reports meant to be
 * read as text (its `output_raw` list): INFO, LOLWUT, CLIENT LIST/INFO, CLUSTER NODES/INFO,
 * MEMORY DOCTOR/MALLOC-STATS, LATENCY DOCTOR/GRAPH, DEBUG HTSTATS[-KEY].
 */
export function printsRaw(args: Buffer[]): boolean {
  const name = lower(args[0]);
  const sub = lower(args[1]);
  const argc = args.length;
  if (name === 'info' || name === 'lolwut') return true;
  if (name === 'debug' && argc >= 2 && (sub === 'htstats' || sub === 'htstats-key')) return true;
  if (name === 'memory' && argc >= 2 && (sub === 'malloc-stats' || sub === 'doctor')) return true;
  if (name === 'cluster' && argc === 2 && (sub === 'nodes' || sub === 'info')) return true;
  if (name === 'client' && argc >= 2 && (sub === 'list' || sub === 'info')) return true;
  if (name === 'latency' && ((argc === 3 && sub === 'graph') || (argc === 2 && sub === 'doctor'))) return true;
  return false;
}

function lower(arg: Buffer | undefined): string {
  return arg ? arg.toString('latin1').toLowerCase() : '';
}

/** redis-cli's `cliFormatReplyRaw`: strings as bytes, no quotes or numbering, elements on separate lines. */
export function formatReplyRaw(reply: RespValue): string {
  switch (reply.type) {
    case 'null':
      return '';
    case 'error':
      return `${escapeControls(reply.value)}\n`;
    case 'simple':
    case 'integer':
    case 'double':
    case 'bignum':
      return escapeControls(reply.value);
    case 'bulk':
    case 'verbatim':
      return escapeControls(reply.value.toString('utf8'));
    case 'boolean':
      return reply.value ? '(true)' : '(false)';
    case 'array':
    case 'set':
    case 'push':
      return reply.items.map(formatReplyRaw).join('\n');
    case 'map': {
      const lines: string[] = [];
      for (let i = 0; i + 1 < reply.items.length; i += 2) lines.push(`${formatReplyRaw(reply.items[i])} ${formatReplyRaw(reply.items[i + 1])}`);
      return lines.join('\n');
    }
  }
}

/** RESP3 client-side caching invalidation, as redis-cli shows it: `-> invalidate: 'k1', 'k2'`. */
export function formatInvalidation(reply: RespValue): string | undefined {
  if (reply.type !== 'push' || reply.items.length !== 2) return undefined;
  const [kind, keys] = reply.items;
  if (kind.type !== 'bulk' || !kind.value.toString('latin1').startsWith('invalidate') || keys.type !== 'array') return undefined;
  const names = keys.items.map((k) => `'${k.type === 'bulk' ? escapeControls(k.value.toString('utf8')) : ''}'`);
  return `-> invalidate: ${names.join(', ')}\n`;
}
