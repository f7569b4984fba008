import { SUPPRESSION_RE } from '../analysis/extract/commands';
import { isRuleId } from '../analysis/types';

/**
 * `redis-specialist-disable…` comments of a source text, read as the analyzer reads them, for the
 * findings it does not make itself (the data diagnostics of key patterns, placed on its call sites):
 * `-next-line` silences the line after the comment, `-line` the comment's own line, no suffix the
 * whole file; no rule list silences every rule, a list of only unknown ids (a typo) none. The
 * analyzer finds comments in its syntax tree; this scans the text, skipping strings, template
 * literals and regular expressions, so a directive quoted in code silences nothing here either.
 */
export interface SuppressionComments {
  /** True when a directive silences `ruleId` on the 0-based `line`. */
  silences(line: number, ruleId: string): boolean;
}

/** Lines whose directives apply to the whole file. */
const FILE_WIDE = -1;

export function suppressionComments(text: string): SuppressionComments {
  const byLine = new Map<number, Array<string[] | null>>();
  for (const comment of commentsOf(text)) {
    const body = text.slice(comment.start, comment.end);
    for (const match of body.matchAll(SUPPRESSION_RE)) {
      const kind = match[1] ?? '';
      const rest = match[2] ?? '';
      // `-- reason` ends the rule list (as in ESLint); so does the end of a block comment.
      const words = rest.replace(/\*\/.*$/, '').replace(/\s--\s.*$/, '').trim().split(/[\s,]+/).filter(Boolean);
      const ids = words.length ? words.filter(isRuleId) : null;
      const line = kind === '-line' ? lineAt(text, comment.start) : kind === '-next-line' ? lineAt(text, comment.end) + 1 : FILE_WIDE;
      byLine.set(line, [...(byLine.get(line) ?? []), ids]);
    }
  }
  const matches = (ruleId: string) => (ids: string[] | null) => ids === null || ids.includes(ruleId);
  return {
    silences: (line, ruleId) => (byLine.get(line) ?? []).some(matches(ruleId)) || (byLine.get(FILE_WIDE) ?? []).some(matches(ruleId)),
  };
}

function lineAt(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** After these characters (or nothing) a `/` starts a regular expression, not a division. */
const BEFORE_REGEX = new Set([...'(,=:[!&|?{};+-*%<>~^']);
const KEYWORDS_BEFORE_REGEX = /(?:^|[^\w$])(?:return|typeof|instanceof|in|of|new|delete|void|throw|case|do|else|yield|await)$/;

/** The [start, end) spans of the `//` and block comments of JS/TS source (end excludes a line comment's newline). */
export function commentsOf(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  // Braces open in code inside each template literal's `${…}`: a `}` at depth 0 resumes the template.
  const templates: number[] = [];
  let last = ''; // the last significant code character
  let i = 0;
  const skipQuoted = (quote: string): void => {
    for (i++; i < text.length && text[i] !== quote && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
    i++;
  };
  /** From inside a template literal: to its end (false) or into a `${` (true). */
  const skipTemplate = (): boolean => {
    for (; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '`') {
        i++;
        return false;
      } else if (text[i] === '$' && text[i + 1] === '{') {
        i += 2;
        return true;
      }
    }
    return false;
  };
  const skipRegex = (): void => {
    let inClass = false;
    for (i++; i < text.length && text[i] !== '\n'; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '[') inClass = true;
      else if (text[i] === ']') inClass = false;
      else if (text[i] === '/' && !inClass) break;
    }
    for (i++; i < text.length && /[a-z]/i.test(text[i]); i++);
  };
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      out.push({ start: i, end: end === -1 ? text.length : end });
      i = end === -1 ? text.length : end;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      out.push({ start: i, end: end === -1 ? text.length : end + 2 });
      i = end === -1 ? text.length : end + 2;
    } else if (c === '"' || c === "'") {
      skipQuoted(c);
      last = c;
    } else if (c === '`') {
      i++;
      if (skipTemplate()) templates.push(0);
      last = '`';
    } else if (c === '/') {
      if (last === '' || BEFORE_REGEX.has(last) || (last === 'a' && KEYWORDS_BEFORE_REGEX.test(text.slice(Math.max(0, i - 12), i).trimEnd()))) {
        skipRegex();
        last = 'a'; // a value: a `/` after it divides
      } else {
        i++;
        last = '/';
      }
    } else if (templates.length > 0 && (c === '{' || c === '}')) {
      i++;
      if (c === '{') templates[templates.length - 1]++;
      else if (templates[templates.length - 1] > 0) templates[templates.length - 1]--;
      else {
        templates.pop(); // the `}` of `${…}`: back in the template literal
        if (skipTemplate()) templates.push(0);
      }
      last = c === '{' ? '{' : '`';
    } else {
      if (!/\s/.test(c)) last = /[\w$]/.test(c) ? 'a' : c;
      i++;
    }
  }
  return out;
}
