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
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'too many levels of symbolic links',
  EISDIR: 'is a directory',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the path is too long',
  EROFS: 'read-only file system',
  ERR_STRING_TOO_LONG: 'too large to hold in memory',
};

/** A read, write or stat error as a short phrase, without a stack. */
export function ioReason(err: NodeJS.ErrnoException): string {
  return (err.code && IO_REASONS[err.code]) ?? err.code ?? err.message;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
