/**
 * The messages between a key editor panel (extension host) and its page (webview), as
 * discriminated unions on `type`. Both sides import this file and nothing of each other; it holds
 * no DOM and no `vscode` code.
 *
 * Redis bytes never travel raw: every key, field, member and value is a {@link WireBytes}, an
 * identity (base64 of the exact bytes, echoed back when the page asks to change or delete that
 * item) plus the text to show. The host keeps the paging state; the page renders the last
 * {@link WireView} and sends intents.
 */

/** Bytes as the page shows them. */
export interface WireBytes {
  /**
   * How the page names the item when it wants it changed or deleted: base64 of the exact bytes
   * when they are small, otherwise `sha1:<hex>` that the host resolves (bounded whatever the size).
   */
  id: string;
  /** `text`: valid UTF-8 shown as is. `escaped`: redis-cli style escapes (`\xff`, `\n`, `\\`). */
  mode: TextMode;
  text: string;
  /** The text was cut for display (a huge value); such an item cannot be edited in place. */
  truncated?: boolean;
  /** For a cut cell: what to send in a `loadFull` message to get the whole value. */
  ref?: string;
  /** Size of the whole value in bytes. */
  bytes: number;
}

export type TextMode = 'text' | 'escaped';

/** Text the user typed; `escaped` text is parsed with redis-cli escapes into bytes. */
export interface EditedBytes {
  text: string;
  mode: TextMode;
}

export interface WireHeader {
  type: string;
  /** Milliseconds left when read, or null when the key does not expire. */
  ttlMs: number | null;
  encoding?: string;
  /** Bytes (string) or elements (collections); undefined for module types. */
  size?: number;
  memoryBytes?: number;
  /** Date.now() on the host when the header was read (the page counts the TTL down from it). */
  readAt: number;
}

/** Paging of a SCAN walk (hash, set, zset search) or of a rank/offset window. */
export interface WirePaging {
  /** 1-based page number. */
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
  /** The active MATCH pattern ('' for none). */
  match: string;
  /** For ranked views: the first position shown and the total. */
  from?: number;
  total?: number;
}

export interface WireConsumerGroup {
  name: WireBytes;
  consumers: number;
  pending: number;
  lastDeliveredId: string;
  lag?: number;
}

export interface WireConsumer {
  name: WireBytes;
  pending: number;
  idleMs: number;
}

export type WireStringFormat = 'json' | 'text' | 'binary' | 'hex';

interface ViewBase {
  key: WireBytes;
  header: WireHeader;
}

export type WireView =
  | (ViewBase & {
      kind: 'string';
      format: WireStringFormat;
      text: string;
      /** Byte offset of `text` in the value, and the number of bytes it shows. */
      offset: number;
      length: number;
      /** True when `text` is the whole value (only then can it be edited). */
      complete: boolean;
      /** Offered for binary values: a hex dump instead of escapes. */
      hex: boolean;
    })
  | (ViewBase & { kind: 'hash'; rows: { field: WireBytes; value: WireBytes }[]; paging: WirePaging })
  | (ViewBase & { kind: 'set'; rows: WireBytes[]; paging: WirePaging })
  | (ViewBase & { kind: 'zset'; rows: { member: WireBytes; score: string; rank?: number }[]; paging: WirePaging; descending: boolean })
  | (ViewBase & { kind: 'list'; rows: { index: number; value: WireBytes }[]; paging: WirePaging; fromTail: boolean })
  | (ViewBase & {
      kind: 'stream';
      entries: { id: string; fields: [WireBytes, WireBytes][] }[];
      paging: WirePaging;
      descending: boolean;
      groups: WireConsumerGroup[];
      /** The consumers of the group the user expanded. */
      consumers?: { group: string; list: WireConsumer[] };
    })
  | (ViewBase & { kind: 'json'; text?: string; note?: string })
  /** A string that holds a HyperLogLog: its PFCOUNT instead of its register bytes. */
  | (ViewBase & { kind: 'hll'; count: number; representation: 'sparse' | 'dense' })
  | (ViewBase & { kind: 'unsupported'; note: string })
  /** Opening: the header is read, the first page follows. */
  | (ViewBase & { kind: 'loading' })
  /** The key does not exist (expired, deleted, renamed elsewhere). */
  | { kind: 'missing'; key: WireBytes; note: string };

export type WireViewKind = WireView['kind'];

// ── host → page ──────────────────────────────────────────────────────────────────────────────

export interface ViewMessage {
  type: 'view';
  connection: { name: string; readOnly: boolean };
  db: number;
  view: WireView;
}

export interface NoticeMessage {
  type: 'notice';
  level: 'info' | 'error';
  text: string;
}

/** The host is reading or writing; the page disables its controls meanwhile. */
export interface BusyMessage {
  type: 'busy';
  busy: boolean;
}

/** The whole value of a cut cell, asked for with `loadFull`. */
export interface FullValueMessage {
  type: 'fullValue';
  ref: string;
  value: WireBytes;
}

export type HostMessage = ViewMessage | NoticeMessage | BusyMessage | FullValueMessage;

// ── page → host ──────────────────────────────────────────────────────────────────────────────

/** Changes to one element of the value. `original` names the existing item (its `WireBytes.id`). */
export type ValueEdit =
  | { op: 'hashSet'; field: EditedBytes; value: EditedBytes; original?: string }
  | { op: 'hashDelete'; field: string }
  | { op: 'setAdd'; member: EditedBytes; original?: string }
  | { op: 'setRemove'; member: string }
  | { op: 'zsetSet'; member: EditedBytes; score: string; original?: string }
  | { op: 'zsetRemove'; member: string }
  /** `expected` is the id of the element shown at `index`: the write is refused when another element is there now. */
  | { op: 'listSet'; index: number; value: EditedBytes; expected: string }
  | { op: 'listPush'; end: 'head' | 'tail'; value: EditedBytes }
  | { op: 'listRemove'; index: number; expected: string }
  | { op: 'streamAdd'; id: string; fields: [EditedBytes, EditedBytes][] }
  | { op: 'streamDelete'; id: string };

export type ValueEditOp = ValueEdit['op'];

/** Key-level actions; the host runs the same command as the tree's context menu. */
export type KeyAction = 'rename' | 'delete' | 'setTtl' | 'persist' | 'duplicate' | 'copyName' | 'copyValue' | 'editValue';

export type PageMessage =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'search'; match: string }
  | { type: 'page'; direction: 'first' | 'previous' | 'next' }
  /** Reverse the order: zset by descending score, list from the tail, stream oldest first. */
  | { type: 'order'; reversed: boolean }
  | { type: 'hex'; on: boolean }
  | { type: 'consumers'; group: string }
  | { type: 'edit'; edit: ValueEdit }
  | { type: 'keyAction'; action: KeyAction }
  | { type: 'copy'; text: string }
  /** The whole value of a cut cell (its `WireBytes.ref`). */
  | { type: 'loadFull'; ref: string };

// ── validation (both directions carry untrusted data) ────────────────────────────────────────

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isString = (value: unknown): value is string => typeof value === 'string';
const isOptionalString = (value: unknown): boolean => value === undefined || isString(value);
const isIndex = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);

export function isEditedBytes(value: unknown): value is EditedBytes {
  return isRecord(value) && isString(value.text) && (value.mode === 'text' || value.mode === 'escaped');
}

const KEY_ACTIONS: readonly string[] = ['rename', 'delete', 'setTtl', 'persist', 'duplicate', 'copyName', 'copyValue', 'editValue'] satisfies KeyAction[];

export function isValueEdit(value: unknown): value is ValueEdit {
  if (!isRecord(value)) return false;
  switch (value.op) {
    case 'hashSet':
      return isEditedBytes(value.field) && isEditedBytes(value.value) && isOptionalString(value.original);
    case 'hashDelete':
      return isString(value.field);
    case 'setAdd':
      return isEditedBytes(value.member) && isOptionalString(value.original);
    case 'setRemove':
    case 'zsetRemove':
      return isString(value.member);
    case 'zsetSet':
      return isEditedBytes(value.member) && isString(value.score) && isOptionalString(value.original);
    case 'listSet':
      return isIndex(value.index) && isEditedBytes(value.value) && isString(value.expected);
    case 'listPush':
      return (value.end === 'head' || value.end === 'tail') && isEditedBytes(value.value);
    case 'listRemove':
      return isIndex(value.index) && isString(value.expected);
    case 'streamAdd':
      return isString(value.id) && Array.isArray(value.fields) && value.fields.every((pair) => Array.isArray(pair) && pair.length === 2 && isEditedBytes(pair[0]) && isEditedBytes(pair[1]));
    case 'streamDelete':
      return isString(value.id);
    default:
      return false;
  }
}

/** Validates a message from the page: it is untrusted input to the host. */
export function isPageMessage(value: unknown): value is PageMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
    case 'refresh':
      return true;
    case 'search':
      return isString(value.match);
    case 'page':
      return value.direction === 'first' || value.direction === 'previous' || value.direction === 'next';
    case 'order':
      return typeof value.reversed === 'boolean';
    case 'hex':
      return typeof value.on === 'boolean';
    case 'consumers':
      return isString(value.group);
    case 'edit':
      return isValueEdit(value.edit);
    case 'keyAction':
      return isString(value.action) && KEY_ACTIONS.includes(value.action);
    case 'copy':
      return isString(value.text);
    case 'loadFull':
      return isString(value.ref);
    default:
      return false;
  }
}

/** Validates a message from the host: other events share the page's message channel. */
export function isHostMessage(value: unknown): value is HostMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'view':
      return isRecord(value.view) && isString(value.view.kind) && isRecord(value.connection) && typeof value.db === 'number';
    case 'notice':
      return isString(value.text) && (value.level === 'info' || value.level === 'error');
    case 'busy':
      return typeof value.busy === 'boolean';
    case 'fullValue':
      return isString(value.ref) && isRecord(value.value) && isString(value.value.text);
    default:
      return false;
  }
}
