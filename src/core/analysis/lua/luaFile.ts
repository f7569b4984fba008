/**
 * `.lua` files of a project that call Redis (`redis.call(…)`): the scripts queue and lock libraries
 * keep next to their code and hand to EVAL, SCRIPT LOAD, `defineCommand` or FUNCTION LOAD. keys-in-lua
 * reads them as it reads scripts written in JavaScript strings, with a finding on each offending call
 * (in a string it is one finding on the string). Other Lua (an editor's config, OpenResty) calls no
 * Redis and gets nothing. Disable comments work as in JavaScript: `-- redis-specialist-disable-next-line keys-in-lua`.
 */
import { SUPPRESSION_RE } from '../extract/commands';
import { type ResolvedOptions, effectiveSeverity, isTestFile } from '../options';
import { type AnalysisResult, type Finding, type TextRange, ruleDocUrl } from '../types';
import { disableDirective } from '../extract/disableDirective';
import { callsRedis, isFunctionLibrary, luaProblems } from './luaScript';

const RULE = 'keys-in-lua';

export function isLuaFile(fileName: string): boolean {
  return /\.lua$/i.test(fileName);
}

export function analyzeLuaText(fileName: string, text: string, options: ResolvedOptions): AnalysisResult {
  if (text.length > options.maxFileSize) {
    return { fileName, findings: [], notes: [{ kind: 'too-large', message: `Skipped: the file is larger than maxFileSize (${options.maxFileSize} bytes).` }] };
  }
  if (!callsRedis(text)) return { fileName, findings: [], notes: [] };
  const severity = effectiveSeverity(RULE, 'certain', isTestFile(fileName, options), options);
  if (!severity) return { fileName, findings: [], notes: [] };
  const lines = lineStarts(text);
  const silenced = suppressedLines(text, lines);
  const problems = luaProblems(text, isFunctionLibrary(text)).filter((p) => !silenced(lineOf(lines, p.start)));
  // Each keyspace walk blocks on its own; undeclared keys are one design choice of the script: one finding, on the first.
  const undeclared = problems.filter((p) => p.kind === 'undeclared');
  const reported = [...problems.filter((p) => p.kind === 'walk'), ...undeclared.slice(0, 1)].sort((a, b) => a.start - b.start);
  const more = undeclared.length - 1;
  const findings: Finding[] = reported.map((p) => ({
    ruleId: RULE,
    severity,
    confidence: 'certain',
    range: range(lines, p.start, p.end),
    message: p.kind === 'undeclared' && more > 0 ? `${p.message} (${more} more call${more > 1 ? 's' : ''} of this script use keys not in KEYS[].)` : p.message,
    docUrl: ruleDocUrl(RULE),
    fixes: [],
  }));
  return { fileName, findings, notes: [] };
}

/** A `.lua` file open in the editor: the text kept up to date by edits, analysed whole (scripts are small). */
export class LuaScriptDocument {
  private current: string;

  constructor(
    readonly fileName: string,
    text: string,
    private readonly options: () => ResolvedOptions,
  ) {
    this.current = text;
  }

  get text(): string {
    return this.current;
  }

  setText(text: string): void {
    this.current = text;
  }

  applyEdit(change: { offset: number; length: number; text: string }): void {
    const { offset, length, text } = change;
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset + length > this.current.length) {
      throw new RangeError(`Edit ${offset}+${length} is outside the document (length ${this.current.length})`);
    }
    this.current = this.current.slice(0, offset) + text + this.current.slice(offset + length);
  }

  analyze(): AnalysisResult {
    return analyzeLuaText(this.fileName, this.current, this.options());
  }

  dispose(): void {
    this.current = '';
  }
}

/** Lines (0-based) a disable comment silences keys-in-lua on, or every line for a file-wide one. */
function suppressedLines(text: string, lines: readonly number[]): (line: number) => boolean {
  if (!text.includes('redis-specialist-disable')) return () => false;
  const silenced = new Set<number>();
  let wholeFile = false;
  SUPPRESSION_RE.lastIndex = 0;
  for (let m = SUPPRESSION_RE.exec(text); m; m = SUPPRESSION_RE.exec(text)) {
    // Only inside a Lua comment; `-- reason` after the rule list ends it (as in ESLint).
    const line = lineOf(lines, m.index);
    if (!/--[^\n]*$/.test(text.slice(lines[line], m.index))) continue;
    const directive = disableDirective(m[1] ?? '', m[2]);
    if (!directive || (directive.ruleIds && !directive.ruleIds.includes(RULE))) continue;
    if (directive.applies === 'next-line') silenced.add(line + 1);
    else if (directive.applies === 'line') silenced.add(line);
    else wholeFile = true;
  }
  return (line) => wholeFile || silenced.has(line);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function range(starts: readonly number[], start: number, end: number): TextRange {
  const a = lineOf(starts, start);
  const b = lineOf(starts, end);
  return { start: { line: a, column: start - starts[a] }, end: { line: b, column: end - starts[b] }, startOffset: start, endOffset: end };
}
