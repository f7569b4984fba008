/** A dump file this parser cannot read: an unsupported version, a truncated or corrupted file. */
export class RdbError extends Error {
  override readonly name = 'RdbError';
  /** Byte offset in the file where the problem was found. */
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

export function truncatedError(offset: number, what: string): RdbError {
  return new RdbError(`The RDB file is truncated: it ends at byte ${offset} in the middle of ${what}.`, offset);
}

export function corruptedError(offset: number, what: string): RdbError {
  return new RdbError(`The RDB file is corrupted at byte ${offset}: ${what}.`, offset);
}
