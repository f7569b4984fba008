/** One-phrase reasons for files the linter cannot read, for its per-file "Skipped:" lines. */

interface TypedEntry {
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}

export function fileTypeName(entry: TypedEntry): string {
  if (entry.isFIFO()) return 'FIFO';
  if (entry.isSocket()) return 'socket';
  if (entry.isCharacterDevice()) return 'character device';
  if (entry.isBlockDevice()) return 'block device';
  return 'special file';
}

const IO_REASONS: Record<string, string> = {
  EACCES: 'cannot read it (permission denied)',
  EPERM: 'cannot read it (operation not permitted)',
  ELOOP: 'too many levels of symbolic links',
  EISDIR: 'is a directory',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the path is too long',
  ERR_STRING_TOO_LONG: 'too large to read into memory',
};

/** A read or stat error as a short reason, without a stack. */
export function ioReason(err: NodeJS.ErrnoException): string {
  return (err.code && IO_REASONS[err.code]) ?? `cannot read it (${err.code ?? err.message})`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
