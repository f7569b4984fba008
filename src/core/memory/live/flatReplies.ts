/**
 * A lean RESP reader for batches of replies that are single values (TYPE, PTTL, MEMORY USAGE,
 * AUTH, SELECT…): one typed-array slot per reply instead of an object, integers read from the
 * bytes, text decoded only for simple strings and errors. A whole SCAN page of replies costs a
 * few arrays, not thousands of objects for the garbage collector. Aggregates are not expected
 * here: one is skipped whole and read as {@link KIND_OTHER}.
 */

export const KIND_SIMPLE = 43; // '+'
export const KIND_ERROR = 45; // '-'
export const KIND_INTEGER = 58; // ':'
export const KIND_NULL = 95; // '_' (a RESP2 null bulk string reads the same)
export const KIND_BULK = 36; // '$'
export const KIND_OTHER = 0;

/** The replies of one batch, by position. */
export class FlatReplies {
  readonly kinds: Uint8Array;
  readonly integers: Float64Array;
  /** Simple strings, errors and bulk strings (latin1-decoded: these replies are ASCII). */
  readonly texts: (string | undefined)[];
  filled = 0;

  constructor(readonly count: number) {
    this.kinds = new Uint8Array(count);
    this.integers = new Float64Array(count);
    this.texts = new Array<string | undefined>(count);
  }

  get complete(): boolean {
    return this.filled === this.count;
  }
}

export class FlatReplyError extends Error {
  override readonly name = 'FlatReplyError';
}

const CR = 13;

/**
 * Parses whole replies from `buffer` starting at `offset` into `target` until either is
 * exhausted; returns the offset after the last whole reply (partial bytes wait for more data).
 */
export function readFlatReplies(buffer: Buffer, offset: number, target: FlatReplies): number {
  let at = offset;
  while (target.filled < target.count) {
    const next = readOne(buffer, at, target, target.filled);
    if (next < 0) break;
    at = next;
    target.filled++;
  }
  return at;
}

/** One reply into slot `i`; the offset after it, or -1 when the buffer ends inside it. */
function readOne(buffer: Buffer, start: number, target: FlatReplies, i: number): number {
  const lineEnd = buffer.indexOf(CR, start + 1);
  if (lineEnd === -1 || lineEnd + 1 >= buffer.length) return -1;
  const kind = buffer[start];
  const next = lineEnd + 2;
  switch (kind) {
    case KIND_INTEGER:
      target.kinds[i] = KIND_INTEGER;
      target.integers[i] = readInteger(buffer, start + 1, lineEnd);
      return next;
    case KIND_SIMPLE:
    case KIND_ERROR:
      target.kinds[i] = kind;
      target.texts[i] = buffer.toString('latin1', start + 1, lineEnd);
      return next;
    case KIND_NULL:
      target.kinds[i] = KIND_NULL;
      return next;
    case KIND_BULK: {
      const length = readInteger(buffer, start + 1, lineEnd);
      if (length < 0) {
        target.kinds[i] = KIND_NULL;
        return next;
      }
      if (next + length + 2 > buffer.length) return -1;
      target.kinds[i] = KIND_BULK;
      target.texts[i] = buffer.toString('latin1', next, next + length);
      return next + length + 2;
    }
    default:
      throw new FlatReplyError(`Unexpected RESP reply type ${JSON.stringify(String.fromCharCode(kind))} in a batch of single-value replies.`);
  }
}

function readInteger(buffer: Buffer, from: number, to: number): number {
  let negative = false;
  let at = from;
  if (buffer[at] === 45) {
    negative = true;
    at++;
  }
  let n = 0;
  for (; at < to; at++) {
    const digit = buffer[at] - 48;
    if (digit < 0 || digit > 9) throw new FlatReplyError(`Bad RESP integer "${buffer.toString('latin1', from, to)}".`);
    n = n * 10 + digit;
  }
  return negative ? -n : n;
}

/** The fixed start of a command whose last argument is a key (`*2 $4 TYPE`), encoded once. */
export interface CommandPrefix {
  bytes: Buffer;
  args: readonly string[];
}

/** One buffer holding every command of a batch (arrays of bulk strings), sized up front. */
export class CommandBatch {
  /** A prefix (then the key in `keys` at the same index), or a whole command. */
  private readonly entries: (CommandPrefix | (string | Buffer)[])[] = [];
  private readonly keys: (Buffer | undefined)[] = [];
  private bytes = 0;

  static prefix(args: readonly string[]): CommandPrefix {
    return { bytes: Buffer.from(`*${args.length + 1}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`), args };
  }

  get count(): number {
    return this.entries.length;
  }

  /** A command made of `prefix` and then `key` (no array per command). */
  addKeyCommand(prefix: CommandPrefix, key: Buffer): void {
    this.entries.push(prefix);
    this.keys.push(key);
    this.bytes += prefix.bytes.length + 16 + key.length;
  }

  add(...args: (string | Buffer)[]): void {
    this.entries.push(args);
    this.keys.push(undefined);
    this.bytes += 16;
    for (const arg of args) this.bytes += 16 + (typeof arg === 'string' ? Buffer.byteLength(arg) : arg.length);
  }

  /** Each command's arguments, name first (for a client that encodes commands itself). */
  commands(): (string | Buffer)[][] {
    return this.entries.map((entry, i) => ('bytes' in entry ? [...entry.args, this.keys[i] as Buffer] : entry));
  }

  encode(): Buffer {
    const out = Buffer.allocUnsafe(this.bytes);
    let at = 0;
    for (let i = 0; i < this.entries.length; i++) {
      const entry = this.entries[i];
      if ('bytes' in entry) {
        at += entry.bytes.copy(out, at);
        at = writeBulk(out, at, this.keys[i] as Buffer);
        continue;
      }
      at += out.write(`*${entry.length}\r\n`, at, 'latin1');
      for (const arg of entry) at = writeBulk(out, at, typeof arg === 'string' ? Buffer.from(arg, 'utf8') : arg);
    }
    return out.subarray(0, at);
  }
}

/** `$<length>\r\n<bytes>\r\n` at `at`; the offset after it. */
function writeBulk(out: Buffer, at: number, bytes: Buffer): number {
  out[at++] = KIND_BULK;
  at += out.write(String(bytes.length), at, 'latin1');
  out[at++] = CR;
  out[at++] = 10;
  at += bytes.copy(out, at);
  out[at++] = CR;
  out[at++] = 10;
  return at;
}
