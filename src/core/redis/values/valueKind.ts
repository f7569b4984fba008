import type { RedisClient } from '../connection/clientFactory';
import type { WriteGuard } from '../safety/writeGuard';
import type { ValueEdit, ValueEditOp, WireView } from '../../protocol/keyEditor';
import type { PageItems } from './pageItems';
import type { ValuePager } from './valuePager';
import type { KeyHeader } from './valueTypes';

/** A page of a value as the key editor shows it, without its key and header (the reader adds those). */
export type PageBody = Extract<WireView, { header: unknown }> extends infer V ? (V extends unknown ? Omit<V, 'key' | 'header'> : never) : never;

/** What reading one page needs: where the editor is in the value (`pager`) and how the page names its items (`items`). */
export interface PageRead {
  client: RedisClient;
  key: Buffer;
  header: KeyHeader;
  pager: ValuePager;
  items: PageItems;
}

/** A key's value as clipboard text. */
export interface ClipboardValue {
  text: string;
  /** Items copied, and the total when only the first page was (a big collection is never read whole). */
  copied?: number;
  total?: number;
}

/** How much Copy Value reads: bytes of a string, items of a collection. */
export interface ClipboardLimits {
  stringBytes: number;
  pageSize: number;
}

/** What applying an edit needs; items are named as the page shown (`items`) named them. */
export interface EditContext {
  client: RedisClient;
  key: Buffer;
  guard: WriteGuard;
  items: PageItems;
}

/** Applies one edit and says what happened, for the page's status line. */
export type EditHandler<Op extends ValueEditOp> = (context: EditContext, edit: Extract<ValueEdit, { op: Op }>) => Promise<string>;

/** The edits a kind applies, by operation. */
export type EditHandlers<Op extends ValueEditOp> = { readonly [O in Op]: EditHandler<O> };

/**
 * Everything the extension does with the value of one Redis type, in one place: read a page for
 * the key editor, render the first page for the clipboard, apply an edit from the editor. The
 * table of kinds is `VALUE_KINDS` (valueKinds.ts); a new type is one module in `types/` with its
 * kind and one row there, beside its view shape in `core/protocol/keyEditor.ts` and its page view.
 */
export interface ValueKind<T extends string = string> {
  /** What TYPE answers for keys of this kind. */
  readonly type: T;
  /** The command that counts the value's elements (bytes of a string) for the header; none when the type has no cheap one. */
  readonly sizeCommand?: string;
  /**
   * What a page asks Redis for: elements (bytes of a string) for the pager's state; Infinity for
   * a value read whole. SCAN-family pages may return a few more, as SCAN does.
   */
  pageSize(pager: ValuePager): number;
  /** Reads the page the pager points at and records on the pager where the next one starts. */
  readPage(read: PageRead): Promise<PageBody>;
  /** The first page as clipboard text (with the counts when the value was cut), read with the editor's paged commands. */
  clipboardText(read: Pick<PageRead, 'client' | 'key' | 'header'>, limits: ClipboardLimits): Promise<ClipboardValue>;
  /** The edits of this kind (none for a kind the editor only shows); each operation belongs to one kind. */
  readonly edits: Partial<EditHandlers<ValueEditOp>>;
  /** Edits whose command would create the key if it was gone: the key must still exist, with this type. */
  readonly creatingEdits: readonly ValueEditOp[];
}
