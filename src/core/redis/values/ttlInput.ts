/**
 * Time-to-live as people type it: `90` or `90s` seconds, `15m`, `2h`, `7d`, or combined (`1h30m`).
 * Pure, so it is unit-tested without VS Code.
 */
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

export class TtlInputError extends Error {
  override readonly name = 'TtlInputError';
}

/** Seconds for a TTL text; throws a {@link TtlInputError} that says what is accepted. */
export function parseTtlInput(text: string): number {
  const trimmed = text.trim().toLowerCase();
  if (/^\d+$/.test(trimmed)) return checked(Number(trimmed), text);
  const parts = /^(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s)?$/.exec(trimmed);
  if (!trimmed || !parts || parts.slice(1).every((p) => p === undefined)) {
    throw new TtlInputError(`"${text}" is not a time to live. Type seconds (3600) or a duration such as 15m, 2h, 7d or 1h30m.`);
  }
  const [, d, h, m, s] = parts.map((p) => Number(p ?? 0));
  return checked(d * UNIT_SECONDS.d + h * UNIT_SECONDS.h + m * UNIT_SECONDS.m + s, text);
}

function checked(seconds: number, text: string): number {
  if (!Number.isSafeInteger(seconds) || seconds <= 0) throw new TtlInputError(`"${text}" must be at least one second. To keep the key forever, remove its TTL instead.`);
  return seconds;
}

/** A TTL in milliseconds as the shortest duration text that {@link parseTtlInput} reads back (rounded up to seconds). */
export function formatTtlInput(ttlMs: number): string {
  let rest = Math.max(1, Math.ceil(ttlMs / 1000));
  let out = '';
  for (const unit of ['d', 'h', 'm', 's']) {
    const size = UNIT_SECONDS[unit];
    const amount = Math.floor(rest / size);
    if (amount > 0) out += `${amount}${unit}`;
    rest -= amount * size;
  }
  return out;
}

/** The validation message for an input box, or undefined when the text is a valid TTL. */
export function ttlInputProblem(text: string): string | undefined {
  try {
    parseTtlInput(text);
    return undefined;
  } catch (error) {
    return error instanceof TtlInputError ? error.message : String(error);
  }
}
