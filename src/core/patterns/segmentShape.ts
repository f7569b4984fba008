/**
 * Whether one segment of a key name looks like a variable part (an id, a number, a date, a
 * token) rather than a fixed word of the naming scheme. Kept conservative: a word that is
 * only letters is never variable on its own (many distinct siblings are handled elsewhere).
 */

const NUMBER = /^-?\d+(?:\.\d+)?$/;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const HEX_ID = /^(?:0x)?[0-9a-f]{8,}$/i;
const DATE = /^\d{4}-\d{2}(?:-\d{2})?(?:[T ]\d{2}(?::\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const TOKEN = /^[A-Za-z0-9+/_=-]{16,}$/;

export function looksVariable(segment: string): boolean {
  if (segment === '') return false;
  if (NUMBER.test(segment) || UUID.test(segment) || DATE.test(segment)) return true;
  if (HEX_ID.test(segment) && /\d/.test(segment)) return true;
  return TOKEN.test(segment) && /\d/.test(segment) && /[A-Za-z]/.test(segment);
}

/** Delimiters tried in order; a key is split on the first one it contains. */
export const DELIMITERS = [':', '/', '|', '#', '.'] as const;

/** Splits a key name on its delimiter: the first segment, then each further one with the delimiter in front. */
export function splitKeyName(name: string): string[] {
  const delimiter = delimiterOf(name);
  if (delimiter === '') return [name];
  const out: string[] = [];
  let start = 0;
  for (let at = name.indexOf(delimiter); at !== -1; at = name.indexOf(delimiter, at + 1)) {
    out.push(name.slice(start, at));
    start = at;
  }
  out.push(name.slice(start));
  return out;
}

function delimiterOf(name: string): string {
  for (const d of DELIMITERS) if (name.includes(d)) return d;
  return '';
}
