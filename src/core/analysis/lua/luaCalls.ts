/** The arguments of a Lua call as written, split at its own commas (not those inside nested calls, tables or strings). */

export interface LuaCall {
  /** Each argument's text, trimmed. */
  args: string[];
  /** Offset just after the closing parenthesis (or the end of the text when it is missing). */
  end: number;
}

const OPENERS = new Set(['(', '{', '[']);
const CLOSERS = new Set([')', '}', ']']);

/** `open` is the offset of the call's `(`. */
export function luaCallAt(lua: string, open: number): LuaCall {
  const args: string[] = [];
  let depth = 0;
  let from = open + 1;
  for (let i = open + 1; i < lua.length; i++) {
    const ch = lua[i];
    if (ch === '"' || ch === "'") {
      i = stringEnd(lua, i);
    } else if (ch === '[' && /^\[=*\[/.test(lua.slice(i, i + 8))) {
      i = longStringEnd(lua, i);
    } else if (OPENERS.has(ch)) {
      depth++;
    } else if (CLOSERS.has(ch)) {
      if (depth === 0) {
        pushArg(args, lua.slice(from, i));
        return { args, end: i + 1 };
      }
      depth--;
    } else if (ch === ',' && depth === 0) {
      pushArg(args, lua.slice(from, i));
      from = i + 1;
    }
  }
  pushArg(args, lua.slice(from));
  return { args, end: lua.length };
}

function pushArg(args: string[], text: string): void {
  const trimmed = text.trim();
  if (trimmed) args.push(trimmed);
}

/** Offset of the closing quote of the string opened at `start` (escapes skipped). */
function stringEnd(lua: string, start: number): number {
  const quote = lua[start];
  for (let i = start + 1; i < lua.length; i++) {
    if (lua[i] === '\\') i++;
    else if (lua[i] === quote || lua[i] === '\n') return i;
  }
  return lua.length;
}

/** `[[ … ]]`, `[==[ … ]==]`: offset of the last bracket. */
function longStringEnd(lua: string, start: number): number {
  const level = /^\[(=*)\[/.exec(lua.slice(start))?.[1] ?? '';
  const close = lua.indexOf(`]${level}]`, start);
  return close === -1 ? lua.length : close + level.length + 1;
}
