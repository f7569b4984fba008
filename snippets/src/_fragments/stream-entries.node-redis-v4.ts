export interface StreamEntry {
  id: string;
  fields: Record<string, string>;
}

type StreamMessage = { id: string; message: Record<string, string> };

/** Entries deleted from the stream meanwhile come back as null: nothing left to process. */
function toStreamEntries(messages: (StreamMessage | null)[]): StreamEntry[] {
  return messages
    .filter((message): message is StreamMessage => message !== null)
    .map(({ id, message }) => ({ id, fields: message }));
}

/** XREADGROUP in node-redis' default RESP2 form: [{ name, messages }] or null. */
function readGroupEntries(reply: unknown): StreamEntry[] {
  if (reply === null) return [];
  if (!Array.isArray(reply)) throw new Error('expected the RESP2 reply shape: create the client without RESP: 3');
  return toStreamEntries((reply as { messages: (StreamMessage | null)[] }[]).flatMap((stream) => stream.messages));
}
