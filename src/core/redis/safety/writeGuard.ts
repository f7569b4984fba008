/**
 * Every function that changes data takes a {@link WriteGuard} and calls it with the Redis command
 * it is about to send, before sending anything. The connection layer decides what is allowed
 * (a read-only connection refuses every write); value code never checks a flag itself, so no
 * write path can forget to.
 */
export type WriteGuard = (commandName: string) => void;

export class ReadOnlyError extends Error {
  override readonly name = 'ReadOnlyError';
  constructor(
    readonly commandName: string,
    readonly connectionName?: string,
  ) {
    super(
      `${connectionName ? `Connection "${connectionName}"` : 'This connection'} is read-only, so ${commandName.toUpperCase()} was not sent. ` +
        'Turn off "read-only" in the connection settings to change data.',
    );
  }
}

/** Allows everything: for writable connections. */
export const allowAllWrites: WriteGuard = () => undefined;

/** The guard for a connection: refuses every write when it is read-only. */
export function writeGuardFor(readOnly: boolean, connectionName?: string): WriteGuard {
  if (!readOnly) return allowAllWrites;
  return (commandName) => {
    throw new ReadOnlyError(commandName, connectionName);
  };
}
