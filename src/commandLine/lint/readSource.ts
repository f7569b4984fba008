/** Reads one file to lint, turning every way it can fail into a reason instead of an exception. */
import { promises as fs, readFileSync, statSync } from 'node:fs';
import { fileTypeName, formatBytes, ioReason } from './fileProblems';

export type SourceRead = { ok: true; text: string } | { ok: false; reason: string };

/** A UTF-16 string never has more code units than its UTF-8 bytes, nor fewer than a quarter of them. */
const MAX_BYTES_PER_CHAR = 4;

export async function readSource(file: string, maxChars: number): Promise<SourceRead> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return { ok: false, reason: `not a regular file (${fileTypeName(stat)})` };
    // Files certainly over the limit are not read at all: a huge one would not even fit in a string.
    if (stat.size > maxChars * MAX_BYTES_PER_CHAR) {
      return { ok: false, reason: `${formatBytes(stat.size)} is over the analyzer's limit of ${maxChars} characters (maxFileSize)` };
    }
    return { ok: true, text: await fs.readFile(file, 'utf8') };
  } catch (err) {
    return { ok: false, reason: `cannot read it (${ioReason(err as NodeJS.ErrnoException)})` };
  }
}

/**
 * The same, synchronously: the linter reads one file at a time anyway, and an awaited read costs
 * several thread-pool round trips (stat, open, fstat, read, close) that dominate on small files.
 */
export function readSourceSync(file: string, maxChars: number): SourceRead {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return { ok: false, reason: `not a regular file (${fileTypeName(stat)})` };
    if (stat.size > maxChars * MAX_BYTES_PER_CHAR) {
      return { ok: false, reason: `${formatBytes(stat.size)} is over the analyzer's limit of ${maxChars} characters (maxFileSize)` };
    }
    return { ok: true, text: readFileSync(file, 'utf8') };
  } catch (err) {
    return { ok: false, reason: `cannot read it (${ioReason(err as NodeJS.ErrnoException)})` };
  }
}
