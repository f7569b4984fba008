import { formatKeyName } from '../redis/keyspace/keyName';
import { PatternInferrer, type PatternInferenceOptions, type PatternStatsOps } from './inferPatterns';

/**
 * Key-pattern templates (`session:{id}`, `cache:user:{userId}:profile`, `{tenant}:orders`, `{?}`
 * for an unknown part, `\{` for a literal brace) compiled once: each into the SCAN MATCH glob that selects its keys, and all
 * together into one classifier that gives every key (bytes) to the most specific template it
 * matches — most literal bytes, then fewest variable parts, then the template text — or, when no
 * template matches, to a pattern inferred from the key's name.
 */

export class TemplateSyntaxError extends Error {
  override readonly name = 'TemplateSyntaxError';
}

export interface CompiledTemplate {
  template: string;
  /** SCAN MATCH glob: each `{…}` part becomes `*`, literal `* ? [ ] \` are escaped. */
  glob: string;
  /** Literal pieces between the variable parts (UTF-8); a template with k variable parts has k + 1. */
  pieces: Buffer[];
  literalBytes: number;
}

const GLOB_SPECIAL = /[*?[\]\\]/g;

/** Parses one template; throws a {@link TemplateSyntaxError} for an unbalanced brace. */
export function compileTemplate(template: string): CompiledTemplate {
  const pieces: string[] = [];
  let literal = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    // `\{`, `\}`, `\\`: literal characters (a hash tag written in code: `\{user\}:{id}`).
    if (c === '\\' && '{}\\'.includes(template[i + 1] ?? 'x')) {
      literal += template[++i];
      continue;
    }
    if (c === '}') throw new TemplateSyntaxError(`Key pattern "${template}" has a "}" without a "{" at position ${i + 1}.`);
    if (c !== '{') {
      literal += c;
      continue;
    }
    const close = template.indexOf('}', i + 1);
    const nextOpen = template.indexOf('{', i + 1);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) throw new TemplateSyntaxError(`Key pattern "${template}" has a "{" without a "}" at position ${i + 1}.`);
    pieces.push(literal);
    literal = '';
    i = close;
  }
  pieces.push(literal);
  const glob = pieces.map((p) => p.replace(GLOB_SPECIAL, (m) => `\\${m}`)).join('*');
  const bytes = pieces.map((p) => Buffer.from(p, 'utf8'));
  return { template, glob, pieces: bytes, literalBytes: bytes.reduce((n, p) => n + p.length, 0) };
}

/**
 * Whether `key` matches a template whose variable parts match any bytes (like the glob's `*`),
 * given that its first piece is already known to match (the trie walked it). Byte loops, not
 * Buffer#compare: a native call per key costs more than comparing the few bytes a piece has.
 */
function matchesAfterFirst(pieces: readonly Buffer[], key: Buffer): boolean {
  const start = pieces[0].length;
  if (pieces.length === 1) return key.length === start;
  const last = pieces[pieces.length - 1];
  const end = key.length - last.length;
  if (end < start) return false;
  for (let i = 0; i < last.length; i++) if (key[end + i] !== last[i]) return false;
  // Middle pieces leftmost-first: greedy earliest placement is optimal when every gap is a `*`.
  let at = start;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i];
    const found = key.indexOf(piece, at);
    if (found === -1 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}

interface PrefixNode {
  /** By next byte; a plain array indexes faster than a Map on this hot path. */
  children: (PrefixNode | undefined)[];
  /** Templates whose first literal piece ends here. */
  templates: CompiledTemplate[];
}

/** The template matcher alone: templates indexed by their leading literal in a byte trie. */
export class TemplateMatcher {
  readonly templates: readonly CompiledTemplate[];
  private readonly root: PrefixNode = { children: [], templates: [] };

  constructor(templates: readonly string[]) {
    const unique = [...new Set(templates)];
    this.templates = unique.map(compileTemplate).sort(bySpecificity);
    for (const compiled of this.templates) {
      let node = this.root;
      for (const byte of compiled.pieces[0]) {
        let next = node.children[byte];
        if (!next) node.children[byte] = next = { children: [], templates: [] };
        node = next;
      }
      node.templates.push(compiled);
    }
  }

  /** The most specific template `key` matches, or undefined. */
  match(key: Buffer | string): CompiledTemplate | undefined {
    const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
    let best: CompiledTemplate | undefined;
    let node: PrefixNode | undefined = this.root;
    // Deeper nodes hold templates with longer leading literals, which are not necessarily more
    // specific overall, so every node on the path is tried against the best so far.
    for (let depth = 0; node; depth++) {
      const candidates = node.templates;
      for (let i = 0; i < candidates.length; i++) {
        const candidate = candidates[i];
        if (best && bySpecificity(candidate, best) >= 0) break;
        if (matchesAfterFirst(candidate.pieces, bytes)) {
          best = candidate;
          break;
        }
      }
      node = depth < bytes.length ? node.children[bytes[depth]] : undefined;
    }
    return best;
  }
}

/** More literal bytes first, then fewer variable parts, then the template text. */
function bySpecificity(a: CompiledTemplate, b: CompiledTemplate): number {
  return b.literalBytes - a.literalBytes || a.pieces.length - b.pieces.length || (a.template < b.template ? -1 : a.template > b.template ? 1 : 0);
}

export interface ClassifiedPattern<S> {
  /** The template, or the inferred pattern (`*` for a variable segment). */
  pattern: string;
  /** SCAN MATCH glob of a template; inferred patterns are display text (key names escaped), so they have none. */
  glob?: string;
  inferred: boolean;
  stats: S;
}

/**
 * One classifier over templates and inferred patterns: `classify` returns the statistics object
 * of the pattern a key belongs to; the caller updates it. Inferred patterns can merge as they
 * collapse, which is why statistics come with merge operations.
 */
export class PatternClassifier<S> {
  private readonly matcher: TemplateMatcher;
  private readonly templateStats = new Map<CompiledTemplate, S>();
  private readonly inferrer: PatternInferrer<S>;

  constructor(
    templates: readonly string[],
    ops: PatternStatsOps<S>,
    inference: PatternInferenceOptions = {},
  ) {
    this.matcher = new TemplateMatcher(templates);
    for (const compiled of this.matcher.templates) this.templateStats.set(compiled, ops.create());
    this.inferrer = new PatternInferrer(ops, inference);
  }

  classify(key: Buffer): S {
    const template = this.matcher.match(key);
    if (template) return this.templateStats.get(template) as S;
    return this.inferrer.add(formatKeyName(key));
  }

  /** Every template (with or without keys), then every inferred pattern that has keys. */
  patterns(): ClassifiedPattern<S>[] {
    const fromTemplates = this.matcher.templates.map((t) => ({ pattern: t.template, glob: t.glob, inferred: false, stats: this.templateStats.get(t) as S }));
    const inferred = this.inferrer.patterns().map(({ pattern, stats }) => ({ pattern, inferred: true, stats }));
    return [...fromTemplates, ...inferred];
  }
}
