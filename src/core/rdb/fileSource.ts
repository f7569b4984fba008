import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { ByteSource } from './byteReader';

/** A file opened for positional reads; close it when done. */
export function openFileSource(path: string): ByteSource & { close(): void } {
  const fd = openSync(path, 'r');
  const size = fstatSync(fd).size;
  return {
    size,
    read: (target, targetOffset, length, position) => readSync(fd, target, targetOffset, length, position),
    close: () => closeSync(fd),
  };
}
