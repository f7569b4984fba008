import { createClient, defineScript, type CommandParser } from 'redis';

// node-redis v5: a script defined once with defineScript(), handed to the client, and a subscriber made with
// duplicate(). The analyzer reads the script where it is defined and checks the duplicate's own listener.

export const ONLINE_USERS = defineScript({
  NUMBER_OF_KEYS: 0,
  // KEYS inside a script walks the whole keyspace while the server waits: keep a set of online users instead.
  SCRIPT: "return #redis.call('KEYS', 'presence:*')",
  parseCommand(parser: CommandParser) {
    parser.push();
  },
  transformReply: (reply: number) => reply,
});

const client = createClient({ url: process.env.REDIS_URL, scripts: { onlineUsers: ONLINE_USERS } });
client.on('error', (err) => console.error('Redis client error', err));

// duplicate() opens another connection without the listener above: its first connection error crashes the process.
export const presenceEvents = client.duplicate();

export async function onlineCount(): Promise<number> {
  return client.onlineUsers();
}
