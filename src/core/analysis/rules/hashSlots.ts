/** Redis Cluster hash slots of keys as written in code (literals, templates, concatenations). */
import type { ArgFact } from '../extract/facts';

let table: Uint16Array | null = null;

/** CRC16-CCITT (XMODEM), the checksum Redis Cluster uses for key slots. */
function crc16(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint16Array(256);
    for (let i = 0; i < 256; i++) {
      let crc = i << 8;
      for (let b = 0; b < 8; b++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
      table[i] = crc;
    }
  }
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) & 0xffff) ^ table[((crc >> 8) ^ byte) & 0xff];
  return crc;
}

/** The part of a key that is hashed: the first non-empty `{…}` tag, else the whole key. */
export function hashedPart(key: string): string {
  const open = key.indexOf('{');
  if (open >= 0) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) return key.slice(open + 1, close);
  }
  return key;
}

export function keySlot(key: string): number {
  return crc16(new TextEncoder().encode(hashedPart(key))) % 16384;
}

/**
 * What decides a key's slot: a number (a literal key), the text of a `{tag}` written in a template,
 * `untagged` (a key built at run time with no hash tag: its slot varies), or `unknown` (a variable,
 * a call: we cannot tell, so we do not judge).
 */
export type SlotOf = { kind: 'slot'; slot: number } | { kind: 'tag'; text: string } | { kind: 'untagged'; text: string } | { kind: 'unknown' };

export function slotOf(arg: ArgFact): SlotOf {
  if (arg.kind === 'string') return { kind: 'slot', slot: keySlot(arg.value) };
  if (arg.kind !== 'template' && arg.kind !== 'concat') return { kind: 'unknown' };
  const text = arg.kind === 'template' ? arg.text.slice(1, -1) : arg.text;
  // A tag opens in the literal part (`{` not preceded by `$`) and closes before any further brace.
  const tag = /(?<!\$)\{((?:[^{}$]|\$(?!\{)|\$\{[^{}]*\})+)\}/.exec(text);
  if (tag) {
    const inner = tag[1];
    return inner.includes('${') || arg.kind === 'concat' ? { kind: 'tag', text: inner.replace(/\s+/g, '') } : { kind: 'slot', slot: keySlot(`{${inner}}`) };
  }
  return { kind: 'untagged', text: text.replace(/\s+/g, '') };
}

type TemplateToken = { lit: string } | { hole: string };

/** A key template (`order:{id}`; literal braces and backslashes escaped with `\\`) as literal characters and holes. */
function templateTokens(template: string): TemplateToken[] {
  const out: TemplateToken[] = [];
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === '\\' && i + 1 < template.length) out.push({ lit: template[++i] });
    else if (c === '{') {
      const close = template.indexOf('}', i + 1);
      out.push({ hole: template.slice(i + 1, close < 0 ? template.length : close) });
      i = close < 0 ? template.length : close;
    } else out.push({ lit: c });
  }
  return out;
}

/**
 * The slot of a key as the analyzer's key template writes it (a local `const k = \`order:${id}\``
 * read through, `${k}:old` included): the same answers as `slotOf`, on the resolved key.
 */
export function slotOfTemplate(template: string): SlotOf {
  const tokens = templateTokens(template);
  const render = (part: readonly TemplateToken[]): string => part.map((t) => ('lit' in t ? t.lit : `{${t.hole}}`)).join('');
  const open = tokens.findIndex((t) => 'lit' in t && t.lit === '{');
  const close = open < 0 ? -1 : tokens.findIndex((t, i) => i > open && 'lit' in t && t.lit === '}');
  if (close > open + 1) {
    const inner = tokens.slice(open + 1, close);
    return inner.some((t) => 'hole' in t) ? { kind: 'tag', text: render(inner) } : { kind: 'slot', slot: keySlot(`{${render(inner)}}`) };
  }
  return tokens.some((t) => 'hole' in t) ? { kind: 'untagged', text: template } : { kind: 'slot', slot: keySlot(render(tokens)) };
}

/**
 * Two or more keys that provably or very probably land in different slots: different literal
 * slots, or keys built at run time where at least one has no hash tag.
 */
export function crossesSlots(slots: readonly SlotOf[]): boolean {
  if (slots.length < 2) return false;
  if (slots.some((s) => s.kind === 'unknown')) return false;
  const untagged = slots.filter((s) => s.kind === 'untagged');
  if (untagged.length > 0) {
    // The same expression twice (`del(k, k)`) is one slot; anything else built without a tag varies.
    const texts = new Set(slots.map((s) => (s.kind === 'slot' ? `#${s.slot}` : s.kind === 'unknown' ? '?' : s.text)));
    return texts.size > 1;
  }
  if (slots.some((s) => s.kind === 'tag')) {
    // Tags written as different expressions might still agree at run time: only literal tags are judged.
    return false;
  }
  return new Set(slots.map((s) => (s.kind === 'slot' ? s.slot : -1))).size > 1;
}
