/**
 * Which module-level classes can hold a client, from what their declarations mention: a client name
 * (`Redis`, an import that resolves to one), a value built from one after `=` or `return`
 * (`this.client = redis`), or a class that does — two rounds deep; and classes given a client from
 * outside (`Conn.client = new Redis()` anywhere else in the file). One regex pass finds the client
 * names (a short list); each round then looks for the classes just found. Class names are never all
 * searched at once: a file can declare hundreds, and a pattern of all of them costs several
 * milliseconds per pass over a megabyte of two-byte text (as would a pattern led by a lookbehind).
 */
import { firstEntryEndingAfter } from './entries';

export interface ClassRange {
  start: number;
  end: number;
  name: string;
}

const DOT = 46;
const NEWLINE = 10;
const SEMICOLON = 59;
const SPACE = 32;
const TAB = 9;
const STAR = 42;
const SLASH = 47;
/** `Name.member =` (not `==`); group 1 is the name. */
const MEMBER_ASSIGNMENT = /(?<![\w$.])([A-Za-z_$][\w$]*)\s*\.\s*[A-Za-z_$][\w$]*\s*=(?!=)/g;

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
  const declares = new Map<string, boolean>();
  forEachMention(text, [...new Set([...names, ...values])], (at, word) => {
    const inside = rangeAt(ranges, at);
    if (inside) {
      if (names.has(word) || (values.has(word) && assignedOrReturned(text, at) && !declaresItself(text, inside, word, declares))) relevant.add(inside.name);
    } else {
      // `Conn.client = redis;` outside every class: the class holds what the line assigns.
      for (const name of assignedInStatement(text, ranges, at, classNames)) relevant.add(name);
    }
  });
  // Two rounds: classes that mention a relevant class (not already a client name) become relevant too.
  const known = new Set(names);
  const named: string[] = [];
  for (let round = 0; round < 2; round++) {
    const added = [...relevant].filter((name) => !known.has(name));
    if (added.length === 0) break;
    for (const name of added) known.add(name);
    named.push(...added);
    forEachMention(text, added, (at) => {
      const inside = rangeAt(ranges, at);
      if (inside) relevant.add(inside.name);
    });
  }
  return { classes: relevant, named };
}

/** Every whole-identifier occurrence (not a property: no `.` before it) of any of `words`. */
function forEachMention(text: string, words: readonly string[], visit: (at: number, word: string) => void): void {
  const whole = (at: number, word: string): void => {
    const before = text.charCodeAt(at - 1);
    if (!isIdentifierCode(before) && before !== DOT && !isIdentifierCode(text.charCodeAt(at + word.length)) && !onCommentLine(text, at)) visit(at, word);
  };
  // `\b` needs a word character at each end of the name; names starting or ending with `$` are searched one by one.
  const plain = words.filter((w) => /^\w.*\w$|^\w$/.test(w));
  if (plain.length > 0) {
    const re = new RegExp(`\\b(?:${[...plain].sort((a, b) => b.length - a.length).map((w) => w.replace(/\$/g, '\\$')).join('|')})\\b`, 'g');
    for (const m of text.matchAll(re)) whole(m.index, m[0]);
  }
  for (const word of words.filter((w) => !plain.includes(w))) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) whole(at, word);
  }
}

/** The range holding offset `at`, if any. */
function rangeAt(ranges: readonly ClassRange[], at: number): ClassRange | undefined {
  const i = firstEntryEndingAfter(ranges, at);
  return i < ranges.length && ranges[i].start <= at ? ranges[i] : undefined;
}

/**
 * Classes `Name` with `Name.member = …` before `at` (outside every class) in the same statement: no
 * `;` or line break between, class text skipped (blanked).
 */
function assignedInStatement(text: string, ranges: readonly ClassRange[], at: number, classNames: ReadonlySet<string>): string[] {
  let start = at;
  while (start > 0) {
    const code = text.charCodeAt(start - 1);
    if (code === NEWLINE || code === SEMICOLON) {
      const inside = rangeAt(ranges, start - 1);
      if (!inside) break;
      start = inside.start;
    } else start--;
  }
  let segment = text.slice(start, at);
  if (!segment.includes('=')) return [];
  for (let i = firstEntryEndingAfter(ranges, start); i < ranges.length && ranges[i].start < at; i++) {
    const from = Math.max(ranges[i].start, start) - start;
    const to = Math.min(ranges[i].end, at) - start;
    segment = segment.slice(0, from) + ' '.repeat(to - from) + segment.slice(to);
  }
  const found: string[] = [];
  for (const m of segment.matchAll(MEMBER_ASSIGNMENT)) if (classNames.has(m[1])) found.push(m[1]);
  return found;
}

/**
 * The class declares `word` itself, as a parameter or a local (`constructor(client) { this.client = client }`):
 * its `= client` then most likely reads that, not the module's value of the same name (whose shape
 * the member would not get either way). Answers are kept per class and word.
 */
function declaresItself(text: string, range: ClassRange, word: string, cache: Map<string, boolean>): boolean {
  const key = `${range.start}\n${word}`;
  let found = cache.get(key);
  if (found === undefined) {
    const id = word.replace(/\$/g, '\\$');
    const pattern = new RegExp(`\\b(?:const|let|var)\\s+${id}(?![\\w$])|[(,]\\s*(?:(?:public|private|protected|readonly|override)\\s+)*${id}\\s*[?:,)=]`);
    found = pattern.test(text.slice(range.start, range.end));
    cache.set(key, found);
  }
  return found;
}

/**
 * `at` is on a line that is all comment (`// …`, ` * …` of a block comment, `/* …`): a class name in
 * prose ("Store the promise…") mentions nothing. A comment after code on the same line still counts.
 */
function onCommentLine(text: string, at: number): boolean {
  let i = text.lastIndexOf('\n', at - 1) + 1;
  while (i < at && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
  const first = text.charCodeAt(i);
  return first === STAR || (first === SLASH && (text.charCodeAt(i + 1) === SLASH || text.charCodeAt(i + 1) === STAR));
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

/** `.member =` (not `==`): found first, then the name before the dot is read backwards. */
const DOT_ASSIGNMENT = /\.\s*[A-Za-z_$][\w$]*\s*=(?!=)/g;
let lastAssignments: { text: string; sites: Map<string, number[]> } | null = null;

/**
 * Where `Name.member = …` is written, by `Name` (its offset; `this.x`, `a.b.c` and properties not
 * included): one pass over the text, kept for the last text asked about. Searching each class name
 * instead costs up to half a millisecond per name in a megabyte of two-byte text.
 */
export function memberAssignmentSites(text: string): ReadonlyMap<string, readonly number[]> {
  if (lastAssignments?.text === text) return lastAssignments.sites;
  const sites = new Map<string, number[]>();
  DOT_ASSIGNMENT.lastIndex = 0;
  for (let m = DOT_ASSIGNMENT.exec(text); m; m = DOT_ASSIGNMENT.exec(text)) {
    let end = m.index;
    while (end > 0 && isSpaceCode(text.charCodeAt(end - 1))) end--;
    let start = end;
    while (start > 0 && isIdentifierCode(text.charCodeAt(start - 1))) start--;
    if (start === end || text.charCodeAt(start - 1) === DOT || (text.charCodeAt(start) >= 48 && text.charCodeAt(start) <= 57)) continue;
    const name = text.slice(start, end);
    if (name === 'this') continue;
    const list = sites.get(name);
    if (list) list.push(start);
    else sites.set(name, [start]);
  }
  lastAssignments = { text, sites };
  return sites;
}

function isSpaceCode(code: number): boolean {
  return code === SPACE || code === TAB || code === NEWLINE || code === 13;
}

