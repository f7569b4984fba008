import type { RespAggregate, RespValue } from './resp';

export class RespProtocolError extends Error {
  override readonly name = 'RespProtocolError';
}

interface Frame {
  node: RespAggregate;
  remaining: number;
  /** A RESP3 attribute: read in full, then dropped (the value it annotates follows it). */
  attribute?: boolean;
}

/**
 * Incremental RESP2/RESP3 parser: feed it socket chunks, it calls `onReply` for each complete
 * top-level reply. Aggregates are built on an explicit stack, so a reply split over many chunks
 * is parsed once, in time linear in its size (re-parsing from the start would be quadratic for
 * a big array). RESP3 attributes are read and dropped, as redis-cli does.
 */
export class RespParser {
  private buffer: Buffer = Buffer.alloc(0);
  private offset = 0;
  /** Chunks not yet joined to `buffer`: a 50 MB bulk string arrives in hundreds of chunks, joined once. */
  private chunks: Buffer[] = [];
  /** Unparsed bytes in `buffer` (from `offset`) plus `chunks`. */
  private available = 0;
  /** Bytes (from `offset`) the element being read needs before parsing can progress. */
  private needed = 0;
  private stack: Frame[] = [];

  constructor(private readonly onReply: (reply: RespValue) => void) {}

  feed(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.available += chunk.length;
    if (this.available < this.needed) return;
    this.buffer = Buffer.concat([this.buffer.subarray(this.offset), ...this.chunks]);
    this.offset = 0;
    this.chunks = [];
    this.needed = 0;
    for (;;) {
      const value = this.readOne();
      if (value === undefined) break;
      this.deliver(value);
    }
    this.available = this.buffer.length - this.offset;
  }

  /** Resets state after the connection that fed it is gone. */
  reset(): void {
    this.buffer = Buffer.alloc(0);
    this.offset = 0;
    this.chunks = [];
    this.available = 0;
    this.needed = 0;
    this.stack = [];
  }

  /** Parses one value or aggregate header at the offset; undefined when more bytes are needed. */
  private readOne(): RespValue | null | undefined {
    const lineEnd = this.buffer.indexOf('\r\n', this.offset);
    if (lineEnd === -1) {
      this.needed = this.buffer.length - this.offset + 1;
      return undefined;
    }
    const prefix = String.fromCharCode(this.buffer[this.offset]);
    const line = this.buffer.toString('utf8', this.offset + 1, lineEnd);
    const next = lineEnd + 2;
    switch (prefix) {
      case '+':
        this.offset = next;
        return { type: 'simple', value: line };
      case '-':
        this.offset = next;
        return { type: 'error', value: line };
      case ':':
        this.offset = next;
        return { type: 'integer', value: line };
      case ',':
        this.offset = next;
        return { type: 'double', value: line };
      case '(':
        this.offset = next;
        return { type: 'bignum', value: line };
      case '#':
        this.offset = next;
        return { type: 'boolean', value: line === 't' };
      case '_':
        this.offset = next;
        return { type: 'null' };
      case '$':
      case '!':
      case '=':
        return this.readBlob(prefix, line, next);
      case '*':
      case '~':
      case '>':
      case '%':
      case '|':
        return this.openAggregate(prefix, line, next);
      default:
        throw new RespProtocolError(`Unexpected RESP type byte ${JSON.stringify(prefix)}; the server sent something that is not RESP.`);
    }
  }

  private readBlob(prefix: string, line: string, start: number): RespValue | undefined {
    const length = parseLength(line);
    if (length < 0) {
      this.offset = start;
      return { type: 'null' };
    }
    if (this.buffer.length < start + length + 2) {
      this.needed = start + length + 2 - this.offset;
      return undefined;
    }
    const bytes = Buffer.from(this.buffer.subarray(start, start + length));
    this.offset = start + length + 2;
    if (prefix === '!') return { type: 'error', value: bytes.toString('utf8') };
    if (prefix === '=') return { type: 'verbatim', format: bytes.toString('latin1', 0, 3), value: bytes.subarray(4) };
    return { type: 'bulk', value: bytes };
  }

  /** Pushes an aggregate frame; returns the value itself only when it is null or empty (null: nothing to deliver yet). */
  private openAggregate(prefix: string, line: string, start: number): RespValue | null {
    this.offset = start;
    const count = parseLength(line);
    if (count < 0) return { type: 'null' };
    const elements = prefix === '%' || prefix === '|' ? count * 2 : count;
    const attribute = prefix === '|';
    const node: RespAggregate = { type: attribute ? 'map' : AGGREGATE_TYPES[prefix], items: [] };
    if (elements === 0) return attribute ? null : node;
    this.stack.push({ node, remaining: elements, attribute });
    return null;
  }

  /** Hands a finished value to its parent frame, closing frames that become complete. */
  private deliver(parsed: RespValue | null): void {
    if (parsed === null) return;
    let value = parsed;
    for (;;) {
      const top = this.stack[this.stack.length - 1];
      if (!top) {
        this.onReply(value);
        return;
      }
      top.node.items.push(value);
      if (--top.remaining > 0) return;
      this.stack.pop();
      if (top.attribute) return;
      value = top.node;
    }
  }
}

const AGGREGATE_TYPES: Record<string, RespAggregate['type']> = { '*': 'array', '~': 'set', '>': 'push', '%': 'map' };

function parseLength(line: string): number {
  const n = Number(line);
  if (!Number.isInteger(n)) throw new RespProtocolError(`Bad RESP length "${line}".`);
  return n;
}
