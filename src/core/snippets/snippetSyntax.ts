// Conversions between our snippet templates (TypeScript with `${N:default}` placeholders) and VS Code
// snippet bodies. Templates keep every other `$` literal (template literals!), so the body must escape them.

export interface TemplatePlaceholder {
  readonly index: number;
  readonly defaultValue: string;
}

/** Authoring forms: `${N:default}` (N ≥ 1) and the final cursor `$0`. Anything else with `$<digit>` is a mistake. */
const TEMPLATE_TAB_STOP = /\$\{(\d+):([^}$\\\n]*)\}|\$0(?!\d)/g;
const SUSPICIOUS_TAB_STOP = /\$\{?\d/;
const TEMPLATE_INDENT = '  ';

export class SnippetTemplateError extends Error {}

/** Lists the placeholders of a template and checks they are numbered 1..N and that mirrors share a default. */
export function templatePlaceholders(template: string): TemplatePlaceholder[] {
  const defaults = new Map<number, string>();
  for (const match of template.matchAll(TEMPLATE_TAB_STOP)) {
    if (match[1] === undefined) continue;
    const index = Number(match[1]);
    const defaultValue = match[2] ?? '';
    if (index === 0) throw new SnippetTemplateError('`${0:…}` is not allowed: use `$0` for the final cursor');
    const previous = defaults.get(index);
    if (previous !== undefined && previous !== defaultValue) {
      throw new SnippetTemplateError(`placeholder \${${index}} has two defaults: "${previous}" and "${defaultValue}"`);
    }
    defaults.set(index, defaultValue);
  }
  const indexes = [...defaults.keys()].sort((a, b) => a - b);
  indexes.forEach((index, position) => {
    if (index !== position + 1) throw new SnippetTemplateError(`placeholders must be numbered 1..N; \${${position + 1}} is missing`);
  });
  return indexes.map((index) => ({ index, defaultValue: defaults.get(index) ?? '' }));
}

/** Template source → snippet body lines: escapes literal `\` and `$`, indentation as tabs (VS Code re-indents tabs). */
export function templateToSnippetBody(template: string): string[] {
  templatePlaceholders(template);
  let body = '';
  let cursor = 0;
  for (const match of template.matchAll(TEMPLATE_TAB_STOP)) {
    body += escapeLiteral(template.slice(cursor, match.index));
    body += match[0];
    cursor = match.index + match[0].length;
  }
  body += escapeLiteral(template.slice(cursor));
  return withoutFinalNewline(body).split('\n').map(indentWithTabs);
}

/** The template with every placeholder replaced by its default and `$0` removed: the code a user gets by tabbing through. */
export function templateDefaults(template: string): string {
  templatePlaceholders(template);
  const text = template.replace(TEMPLATE_TAB_STOP, (_whole, _index: string | undefined, defaultValue: string | undefined) => defaultValue ?? '');
  return withoutFinalNewline(text);
}

/** A template file's final newline is not part of the snippet. */
function withoutFinalNewline(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

function escapeLiteral(text: string): string {
  const suspicious = SUSPICIOUS_TAB_STOP.exec(text);
  if (suspicious) {
    const line = text.slice(0, suspicious.index).split('\n').length;
    throw new SnippetTemplateError(`unsupported tab stop near "${text.slice(suspicious.index, suspicious.index + 12)}" (segment line ${line}); use \${N:default} or $0`);
  }
  return text.replace(/[\\$]/g, (char) => `\\${char}`);
}

function indentWithTabs(line: string): string {
  let depth = 0;
  while (line.startsWith(TEMPLATE_INDENT, depth * TEMPLATE_INDENT.length)) depth++;
  return '\t'.repeat(depth) + line.slice(depth * TEMPLATE_INDENT.length);
}

/**
 * Snippet body → plain text, as VS Code would insert it if the user accepted every default:
 * placeholders become their defaults (first option of a choice), tab stops vanish, escapes are undone.
 * Variables ($TM_FILENAME …) are rejected: our snippets do not use them and their value depends on the editor.
 */
export function expandDefaults(body: string): string {
  const parser = new SnippetBodyParser(body);
  const text = parser.parseUntil(undefined);
  return text;
}

class SnippetBodyParser {
  private position = 0;
  constructor(private readonly body: string) {}

  /** Parses until `terminator` (unescaped) or the end; consumes the terminator. */
  parseUntil(terminator: '}' | undefined): string {
    let out = '';
    while (this.position < this.body.length) {
      const char = this.body[this.position];
      if (char === '\\' && '$}\\'.includes(this.body[this.position + 1] ?? '')) {
        out += this.body[this.position + 1];
        this.position += 2;
      } else if (char === terminator) {
        this.position++;
        return out;
      } else if (char === '$') {
        out += this.parseDollar();
      } else {
        out += char;
        this.position++;
      }
    }
    if (terminator !== undefined) throw new SnippetTemplateError('unterminated placeholder in snippet body');
    return out;
  }

  private parseDollar(): string {
    const rest = this.body.slice(this.position);
    const simple = /^\$(\d+)/.exec(rest);
    if (simple) {
      this.position += simple[0].length;
      return '';
    }
    const braced = /^\$\{(\d+)(\}|:|\|)/.exec(rest);
    if (braced) {
      this.position += braced[0].length;
      if (braced[2] === '}') return '';
      if (braced[2] === ':') return this.parseUntil('}');
      return this.parseChoice();
    }
    if (/^\$\{?[A-Za-z_]/.test(rest)) {
      throw new SnippetTemplateError(`snippet variables are not supported: "${rest.slice(0, 20)}"`);
    }
    this.position++;
    return '$';
  }

  private parseChoice(): string {
    const end = this.body.indexOf('|}', this.position);
    if (end < 0) throw new SnippetTemplateError('unterminated choice in snippet body');
    const options = this.body.slice(this.position, end).split(',');
    this.position = end + 2;
    return options[0] ?? '';
  }
}
