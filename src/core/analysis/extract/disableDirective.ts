/** What a `redis-specialist-disable…` comment says, whatever the language's comment syntax (line, block or Lua `--`). */
import { isRuleId } from '../types';

export interface DisableDirective {
  /** `next-line`: the line after the comment; `line`: the comment's own line; `file`: the whole file. */
  applies: 'next-line' | 'line' | 'file';
  /** null = every rule. */
  ruleIds: string[] | null;
}

/** `kind` and `rest` are SUPPRESSION_RE's groups (`-next-line`, the text after it). */
export function disableDirective(kind: string, rest: string): DisableDirective | null {
  // `-- reason` ends the rule list (as in ESLint); so does the end of a block comment.
  const list = rest.replace(/\*\/.*$/, '').replace(/\s--\s.*$/, '').trim();
  const words = list.split(/[\s,]+/).filter(Boolean);
  // `redis-specialist-disable` alone (as ESLint's `eslint-disable`) covers the whole file.
  const applies = kind === '-line' ? 'line' : kind === '-next-line' ? 'next-line' : kind === '' ? 'file' : null;
  if (!applies) return null;
  // No list silences every rule; a list of only unknown ids (a typo) silences nothing.
  return { applies, ruleIds: words.length ? words.filter(isRuleId) : null };
}
