import type { ConnectionSecrets } from '../core/redis/connection/connectionConfig';

/**
 * redis-cli's variable for the password: set in the environment (a CI secret, a shell export), it
 * stays out of the command line, where `ps` and shell history would show it.
 */
export const PASSWORD_ENV = 'REDISCLI_AUTH';

/** `secrets` with the data node's password taken from REDISCLI_AUTH when none was given. */
export function withPasswordFromEnv(secrets: ConnectionSecrets, env: NodeJS.ProcessEnv): ConnectionSecrets {
  const fromEnv = env[PASSWORD_ENV];
  return secrets.password === undefined && fromEnv ? { ...secrets, password: fromEnv } : secrets;
}
