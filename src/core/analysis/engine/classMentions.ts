/**
 * Which module-level classes can hold a client, from what their declarations mention: a client name
 * (`Redis`, an import that resolves to one), a value built from one after `=` or `return`
 * (`this.client = redis`), or a class that does — two rounds deep; and classes given a client from
 * outside (`Conn.client = new Redis()` anywhere else in the file). One regex pass over the text
 * finds every mention of all those names and every class name at once; the rounds then follow the
 * class-to-class mentions without reading the text again. (A pattern led by a lookbehind, or indexOf
 * per name, costs several milliseconds per pass over a megabyte of two-byte text.)
 */
import { firstEntryEndingAfter } from './entries';

export interface ClassRange {
  start: number;
  end: number;
  name: string;
}

const DOT = 46;

/**
 * The classes (of `ranges`, sorted and disjoint) relevant to clients. `names`: client names, which
 * count anywhere as a whole identifier (not after `.`); `values`: names that count after `=` or
 * `return`. Matches what `(?<![\w$.])(?:names)(?![\w$])|(?:=|\breturn)\s*(?<![\w$.])(?:values)(?![\w$])`
 * finds in a class's text, with the classes found added to `names` for two more rounds; `named`
 * are the classes so added (the final pattern's names are `names` and those).
 */
export function classesMentioningClients(text: string, ranges: readonly ClassRange[], names: ReadonlySet<string>, values: ReadonlySet<string>): { classes: Set<string>; named: string[] } {
  const relevant = new Set<string>();
  if (ranges.length === 0 || (names.size === 0 && values.size === 0)) return { classes: relevant, named: [] };
  const classNames = new Set(ranges.map((r) => r.name));
  /** Class → the classes its declaration mentions. */
  const mentions = new Map<string, Set<string>>();
  // `Conn.client = new Redis()` outside any class: the class holds what the line assigns.
  const assigned = /\s*\.\s*[A-Za-z_$][\w$]*\s*=(?!=)([^;\n]*)/y;
  const clientWords = [...names, ...values];
  const outside = (at: number, word: string): void => {
    if (!classNames.has(word)) return;
    assigned.lastIndex = at + word.length;
    const m = assigned.exec(text);
    if (m && clientWords.some((w) => mentionsWord(m[1], w))) relevant.add(word);
  };
  const seen = (className: string, at: number, word: string): void => {
    if (names.has(word) || (values.has(word) && assignedOrReturned(text, at))) relevant.add(className);
    if (classNames.has(word)) {
      let set = mentions.get(className);
      if (!set) mentions.set(className, (set = new Set()));
      set.add(word);
    }
  };
  const words = [...new Set([...names, ...values, ...classNames])];
  // `\b` needs a word character at each end of the name; names starting or ending with `$` are searched one by one.
  const plain = words.filter((w) => /^\w.*\w$|^\w$/.test(w));
  if (plain.length > 0) {
    const re = new RegExp(`\\b(?:${plain.sort((a, b) => b.length - a.length).map((w) => w.replace(/\$/g, '\\$')).join('|')})\\b`, 'g');
    for (const m of text.matchAll(re)) visit(text, ranges, m.index, m[0], seen, outside);
  }
  for (const word of words.filter((w) => !plain.includes(w))) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) visit(text, ranges, at, word, seen, outside);
  }
  // Two rounds: classes that mention a relevant class (not already a client name) become relevant too.
  const known = new Set(names);
  const named: string[] = [];
  for (let round = 0; round < 2; round++) {
    const added = [...relevant].filter((name) => !known.has(name));
    if (added.length === 0) break;
    for (const name of added) known.add(name);
    named.push(...added);
    for (const [className, mentioned] of mentions) if (added.some((name) => mentioned.has(name))) relevant.add(className);
  }
  return { classes: relevant, named };
}

/** A whole-identifier occurrence of `word` at `at` (not a property: no `.` before it), inside a class or `outside` all. */
function visit(
  text: string,
  ranges: readonly ClassRange[],
  at: number,
  word: string,
  seen: (className: string, at: number, word: string) => void,
  outside: (at: number, word: string) => void,
): void {
  const before = text.charCodeAt(at - 1);
  if (isIdentifierCode(before) || before === DOT || isIdentifierCode(text.charCodeAt(at + word.length))) return;
  const i = firstEntryEndingAfter(ranges, at);
  if (i < ranges.length && ranges[i].start <= at) seen(ranges[i].name, at, word);
  else outside(at, word);
}

/** `word` as a whole identifier in `text` (not a property). */
function mentionsWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
    const before = text.charCodeAt(at - 1);
    if (!isIdentifierCode(before) && before !== DOT && !isIdentifierCode(text.charCodeAt(at + word.length))) return true;
  }
  return false;
}

/** `[\w$]` by character code (NaN, past either end of the text, is none). */
function isIdentifierCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
}

/** True when `text[at]` follows `=` or the word `return` and a space, as in `this.client = redis`, `return redis`. */
function assignedOrReturned(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  if (text[i] === '=') return true;
  return i < at - 1 && i >= 5 && text.slice(i - 5, i + 1) === 'return' && !/\w/.test(text[i - 6] ?? '');
}
