export interface StreamEntry {
  id: string;
  fields: Record<string, string>;
}

/** XREADGROUP / XAUTOCLAIM entries are [id, [field, value, …]]; entries deleted meanwhile come back as null (skipped). */
function toStreamEntries(raw: unknown): StreamEntry[] {
  return (raw as [string, string[] | null][])
    .filter((entry): entry is [string, string[]] => entry[1] !== null)
    .map(([id, flat]) => {
      const fields: Record<string, string> = {};
      for (let i = 0; i < flat.length; i += 2) fields[flat[i]] = flat[i + 1];
      return { id, fields };
    });
}
