import { CommandSafety } from '../redis/safety/commandSafety';
import { respItems, respText, type RespValue } from './resp';
import { SECRET_WORDS } from './secretLines';

/** One command or subcommand as COMMAND DOCS describes it. */
export interface CommandDoc {
  /** As typed: "GET", "CONFIG SET". */
  name: string;
  summary?: string;
  since?: string;
  group?: string;
  /** The argument syntax, e.g. `key value [NX|XX] [GET]`. */
  syntax: string;
}

/**
 * The connected server's own command table, fetched once when the terminal opens: COMMAND
 * (flags and ACL categories, for the read-only and @dangerous checks of commandSafety.ts) and
 * COMMAND DOCS (names, subcommands and syntax, for Tab completion and `help`). Fetching it up
 * front keeps metadata queries off the user's connection later (inside MULTI they would queue).
 */
export class CommandCatalog {
  private constructor(
    private readonly docs: Map<string, CommandDoc>,
    /** Undefined when the server refused COMMAND (ACL, renamed): nothing can then be proven read-only. */
    readonly safety: CommandSafety | undefined,
    /** Words that mark a line as carrying a secret (kept out of the history): ours plus the server's. */
    readonly secretWords: ReadonlySet<string> = SECRET_WORDS,
  ) {}

  static fromReplies(commandReply: RespValue | undefined, docsReply: RespValue | undefined): CommandCatalog {
    const docs = new Map<string, CommandDoc>();
    const secretWords = new Set(SECRET_WORDS);
    if (docsReply && docsReply.type !== 'error') {
      for (const doc of parseDocs(docsReply)) docs.set(doc.name.toLowerCase(), doc);
      collectSecretWords(docsReply, secretWords);
    }
    let safety: CommandSafety | undefined;
    if (commandReply && commandReply.type !== 'error') {
      const table = new Map<string, unknown>();
      for (const entry of respItems(commandReply)) {
        const plain = toPlain(entry);
        if (Array.isArray(plain)) table.set(String(plain[0]).toLowerCase(), plain);
        // Servers without COMMAND DOCS (< 7.0) still give names to complete.
        const name = respText(respItems(entry)[0] ?? { type: 'null' });
        if (name && !docs.has(name.toLowerCase())) docs.set(name.toLowerCase(), { name: name.toUpperCase(), syntax: '' });
      }
      safety = new CommandSafety((names) => Promise.resolve(names.map((n) => table.get(n.toLowerCase()) ?? null)));
    }
    return new CommandCatalog(docs, safety, secretWords);
  }

  static empty(): CommandCatalog {
    return new CommandCatalog(new Map(), undefined);
  }

  get size(): number {
    return this.docs.size;
  }

  /**
   * Command names (and "CONTAINER SUB" subcommands) starting with `text`, case-insensitively,
   * written in the case the user is typing in (lower-case input gets lower-case names).
   */
  complete(text: string): string[] {
    const typed = text.replace(/^\s+/, '').replace(/\s+/g, ' ').toLowerCase();
    const lower = text === text.toLowerCase() && /[a-z]/.test(text);
    const matches: string[] = [];
    for (const [key, doc] of this.docs) {
      if (key.startsWith(typed) && (typed.includes(' ') || !key.includes(' '))) matches.push(lower ? key : doc.name);
    }
    return matches.sort();
  }

  doc(name: string): CommandDoc | undefined {
    return this.docs.get(name.toLowerCase());
  }

  /** Docs matching `help` arguments: one command, a container's subcommands, or an `@group`. */
  findHelp(args: string[]): CommandDoc[] {
    if (args.length === 0) return [];
    if (args[0].startsWith('@')) {
      const group = args[0].slice(1).toLowerCase();
      return [...this.docs.values()].filter((d) => d.group?.toLowerCase() === group).sort((a, b) => a.name.localeCompare(b.name));
    }
    const asked = args.join(' ').toLowerCase();
    return [...this.docs.entries()]
      .filter(([key]) => key === asked || key.startsWith(asked + ' '))
      .map(([, doc]) => doc)
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}

/** COMMAND DOCS: `name → {summary, since, group, arguments, subcommands}`, as a RESP3 map or a RESP2 flat list. */
function parseDocs(reply: RespValue, parent?: string): CommandDoc[] {
  const out: CommandDoc[] = [];
  for (const [nameValue, docValue] of pairs(reply)) {
    const rawName = respText(nameValue) ?? '';
    // Subcommands are named "container|sub".
    const name = (parent ? rawName.split('|').pop() ?? rawName : rawName).toUpperCase();
    const fullName = parent ? `${parent} ${name}` : name;
    const fields = new Map(pairs(docValue).map(([k, v]) => [respText(k) ?? '', v]));
    const text = (field: string): string | undefined => {
      const value = fields.get(field);
      return value ? respText(value) : undefined;
    };
    const args = fields.get('arguments');
    out.push({
      name: fullName,
      summary: text('summary'),
      since: text('since'),
      group: text('group'),
      syntax: args ? respItems(args).map(renderArgument).join(' ') : '',
    });
    const subcommands = fields.get('subcommands');
    if (subcommands) out.push(...parseDocs(subcommands, fullName));
  }
  return out;
}

const SECRET_ARGUMENT = /pass|secret|credential/i;

/**
 * The words in front of every password-like argument of COMMAND DOCS: its nearest token (AUTH of
 * HELLO, AUTH2 of MIGRATE), or the command itself when the argument has none (AUTH, a module's LOGIN).
 */
function collectSecretWords(reply: RespValue, into: Set<string>): void {
  for (const [nameValue, docValue] of pairs(reply)) {
    const name = (respText(nameValue) ?? '').toLowerCase().split('|').pop() ?? '';
    const fields = new Map(pairs(docValue).map(([k, v]) => [respText(k) ?? '', v]));
    const visit = (args: RespValue | undefined, token: string): void => {
      for (const arg of respItems(args ?? { type: 'null' })) {
        const argFields = new Map(pairs(arg).map(([k, v]) => [respText(k) ?? '', v]));
        const own = argFields.get('token');
        const nearest = own ? (respText(own) ?? token).toLowerCase() : token;
        const argName = respText(argFields.get('name') ?? { type: 'null' }) ?? '';
        if (SECRET_ARGUMENT.test(argName)) into.add(nearest);
        visit(argFields.get('arguments'), nearest);
      }
    };
    visit(fields.get('arguments'), name);
    const subcommands = fields.get('subcommands');
    if (subcommands) collectSecretWords(subcommands, into);
  }
}

/** One argument of COMMAND DOCS as help syntax, built as redis-cli 7's `cliAddArgument` does: `[EX seconds|PX milliseconds]`, `key [key ...]`. */
function renderArgument(arg: RespValue): string {
  const fields = new Map(pairs(arg).map(([k, v]) => [respText(k) ?? '', v]));
  const text = (field: string): string | undefined => {
    const value = fields.get(field);
    return value ? respText(value) : undefined;
  };
  const orQuotes = (value: string): string => (value === '' ? '""' : value);
  const flags = new Set(respItems(fields.get('flags') ?? { type: 'null' }).map((f) => respText(f) ?? ''));
  const children = respItems(fields.get('arguments') ?? { type: 'null' });
  const type = text('type') ?? '';
  const token = text('token');
  let tokenPart = token === undefined ? '' : orQuotes(token);
  let repeatPart = '';
  if (type === 'oneof') repeatPart = children.map(renderArgument).join('|');
  else if (type === 'block') repeatPart = children.map(renderArgument).join(' ');
  else if (type !== 'pure-token') repeatPart = orQuotes(text('name') ?? '');
  if (tokenPart && type !== 'pure-token') tokenPart += ' ';
  let out = tokenPart + repeatPart;
  if (flags.has('multiple')) out += ` [${flags.has('multiple_token') ? tokenPart : ''}${repeatPart} ...]`;
  return flags.has('optional') ? `[${out}]` : out;
}

/** Key/value pairs of a RESP3 map or a RESP2 flat `[k, v, k, v]` list. */
function pairs(value: RespValue): [RespValue, RespValue][] {
  const items = respItems(value);
  const out: [RespValue, RespValue][] = [];
  for (let i = 0; i + 1 < items.length; i += 2) out.push([items[i], items[i + 1]]);
  return out;
}

/** A reply in the plain shape ioredis gives (strings, numbers, arrays), which commandSafety.ts parses. */
export function toPlain(value: RespValue): unknown {
  switch (value.type) {
    case 'bulk':
    case 'verbatim':
      return value.value.toString('utf8');
    case 'simple':
    case 'error':
    case 'double':
    case 'bignum':
      return value.value;
    case 'integer':
      return Number(value.value);
    case 'boolean':
      return value.value ? 1 : 0;
    case 'null':
      return null;
    default:
      return value.items.map(toPlain);
  }
}
