/**
 * Cheap text scan for places worth a look. Walking every node of a 1 MB tree from JavaScript costs
 * more than parsing it; a regex pass costs ~1 ms, and every hit is then verified on the tree.
 */
import type { SourceText } from '../syntax';
import { COMMANDS, ERROR_EVENT_AFTER_RE, LISTENER_METHODS, METHOD_CALL_RE, RAW_COMMAND_AFTER_RE, RAW_METHODS, RAW_SHAPE_RE, SUPPRESSION_RE, SUPPRESSION_WORD, canonicalCommand } from './commands';

/** Redis commands whose first argument is a subcommand (CONFIG SET, CLIENT KILL), with the subcommands that are also command names. */
const CONTAINER_COMMANDS = new Map<string, ReadonlySet<string>>(Object.entries({
  config: new Set(['set', 'get']),
  client: new Set(['info', 'list', 'kill', 'getname', 'setname']),
  cluster: new Set(['info', 'keyslot', 'countkeysinslot', 'getkeysinslot', 'reset']),
  script: new Set(['flush', 'exists', 'load']),
  function: new Set(['delete', 'flush', 'dump', 'restore', 'load', 'list']),
  object: new Set(['encoding', 'freq']),
  memory: new Set(['usage']),
  xgroup: new Set(['create', 'destroy']),
  xinfo: new Set(['stream']),
  latency: new Set(['reset', 'history']),
  slowlog: new Set(['get', 'reset']),
  pubsub: new Set(['channels']),
  command: new Set(['info', 'count', 'list', 'getkeys']),
}));

export interface Match {
  /** Offset of the interesting token (method name, `new`, comment text). */
  index: number;
  name: string;
  /** Raw calls: the command; suppressions: the directive kind and its rule list. */
  extra: string;
  extra2: string;
}

export interface Candidates {
  methods: Match[];
  raws: Match[];
  listeners: Match[];
  creations: Match[];
  suppressions: Match[];
  /** Calls of key wrappers (`cacheGet(`): `name` is the function's name. */
  wrappers: Match[];
  /** A module-level client's name as an argument or in an object literal (`new Store({ client })`). */
  handoffs: Match[];
  /** node-redis's `defineScript(`: a Lua script defined for `createClient({ scripts })` (see scriptDefinitions.ts). */
  scripts: Match[];
}

export function emptyCandidates(): Candidates {
  return { methods: [], raws: [], listeners: [], creations: [], suppressions: [], wrappers: [], handoffs: [], scripts: [] };
}

function collect(re: RegExp, text: string, base: number, group: number, out: Match[]): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const indices = m.indices?.[group] ?? [m.index, m.index + m[0].length];
    out.push({ index: base + indices[0], name: m[group] ?? m[0], extra: m[group + 1] ?? '', extra2: m[group + 2] ?? '' });
    if (m[0].length === 0) re.lastIndex++;
  }
}

/** Client creations, key wrapper calls and client hand-offs (the regex's `wrapper` and `handoff` groups, see ModuleScope.creationRegex). */
function collectCreations(re: RegExp, text: string, base: number, out: Candidates): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const wrapper = m.groups?.wrapper;
    const handoff = m.groups?.handoff;
    if (wrapper !== undefined) out.wrappers.push({ index: base + (m.indices?.groups?.wrapper?.[0] ?? m.index), name: wrapper, extra: '', extra2: '' });
    else if (handoff !== undefined) out.handoffs.push({ index: base + (m.indices?.groups?.handoff?.[0] ?? m.index), name: handoff, extra: '', extra2: '' });
    // `require('redis').createClient()`, `this.getConnection()`: the creating call is found from its method name.
    else out.creations.push({ index: base + (m.indices?.groups?.inline?.[0] ?? m.indices?.groups?.method?.[0] ?? m.index), name: m[0], extra: '', extra2: '' });
    if (m[0].length === 0) re.lastIndex++;
  }
}

const DEFINE_SCRIPT_WORD = 'defineScript';
const DEFINE_SCRIPT_RE = /(?<![\w$])(defineScript)\s*\(/dg;

/** Reads `re` (sticky) at `at`; returns the match or null. */
function stickyAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/** Scans `text.slice(from, to)`; offsets in the result are absolute. */
export function findCandidates(text: SourceText, from: number, to: number, creationRe: RegExp | null): Candidates {
  // The whole text as one string (an edited document's pieces are joined then), else the range read alone.
  const slice = from === 0 && to === text.length ? text.toString() : text.slice(from, to);
  const out = emptyCandidates();
  // One pass for all method calls; raw calls and listeners are told apart by what follows `(`.
  const re = METHOD_CALL_RE;
  re.lastIndex = 0;
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    const name = m[1];
    const index = from + (m.indices?.[1]?.[0] ?? m.index);
    const after = m.index + m[0].length;
    const lower = name.toLowerCase();
    if (RAW_METHODS.has(lower)) {
      const raw = stickyAt(RAW_COMMAND_AFTER_RE, slice, after);
      if (raw) out.raws.push({ index, name, extra: raw[1], extra2: '' });
    } else if (LISTENER_METHODS.includes(lower)) {
      if (stickyAt(ERROR_EVENT_AFTER_RE, slice, after)) out.listeners.push({ index, name, extra: '', extra2: '' });
    } else {
      out.methods.push({ index, name, extra: '', extra2: '' });
    }
  }
  // Raw commands through other methods, recognised by shape; `extra2` says how sure the shape is.
  const known = new Set(out.raws.map((m) => m.index));
  RAW_SHAPE_RE.lastIndex = 0;
  for (let m = RAW_SHAPE_RE.exec(slice); m; m = RAW_SHAPE_RE.exec(slice)) {
    const [, method, bracket, word] = m;
    const index = from + (m.indices?.[1]?.[0] ?? m.index);
    if (known.has(index) || canonicalCommand(method) || LISTENER_METHODS.includes(method.toLowerCase()) || !COMMANDS.has(word.toLowerCase())) continue;
    // `config('SET', …)`, `client('KILL', …)`: the word is the subcommand of a container command.
    if (CONTAINER_COMMANDS.get(method.toLowerCase())?.has(word.toLowerCase())) continue;
    // An argument list must go on after the command (`get('KEYS')` alone is a lookup by name).
    if (bracket === undefined && !m[0].endsWith(',')) continue;
    // `send('KEYS', …)` / `['keys', …]` are Redis; a lower-case word alone (`emit('set', …)`) needs a client-named receiver.
    const sure = word === word.toUpperCase() || bracket !== undefined;
    out.raws.push({ index, name: method, extra: word, extra2: sure ? 'redis-only' : 'redis-looking' });
  }
  if (out.raws.length > known.size) out.raws.sort((a, b) => a.index - b.index);
  if (creationRe) collectCreations(creationRe, slice, from, out);
  // Most files have no disable comment: one indexOf is far cheaper than the regex over a large text.
  if (slice.includes(SUPPRESSION_WORD)) collect(SUPPRESSION_RE, slice, from, 0, out.suppressions);
  if (slice.includes(DEFINE_SCRIPT_WORD)) collect(DEFINE_SCRIPT_RE, slice, from, 1, out.scripts);
  return out;
}

/**
 * Adds the creations and key wrapper calls of the whole `text` to `found` (a scan of it made with no
 * creation regex: those need the module scope, which needs the declarations, which read `found`).
 */
export function addCreations(found: Candidates, text: string, creationRe: RegExp | null): Candidates {
  if (creationRe) collectCreations(creationRe, text, 0, found);
  return found;
}

/** True when some match of the sorted `matches` lies in [start, end). */
export function anyMatchIn(matches: ReadonlyArray<{ index: number }>, start: number, end: number): boolean {
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (matches[mid].index < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < matches.length && matches[lo].index < end;
}

/** Splits sorted candidates between sorted, non-overlapping [start, end) ranges. */
export function distribute<T extends { start: number; end: number }>(items: T[], candidates: Candidates): Map<T, Candidates> {
  const result = new Map<T, Candidates>();
  const keys: Array<keyof Candidates> = ['methods', 'raws', 'listeners', 'creations', 'suppressions', 'wrappers', 'handoffs', 'scripts'];
  for (const key of keys) {
    const list = candidates[key];
    let i = 0;
    for (const match of list) {
      while (i < items.length && items[i].end <= match.index) i++;
      if (i >= items.length) break;
      if (match.index < items[i].start) continue;
      let bucket = result.get(items[i]);
      if (!bucket) result.set(items[i], (bucket = emptyCandidates()));
      bucket[key].push(match);
    }
  }
  return result;
}
