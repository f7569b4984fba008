// Reports on Valkey GLIDE (`@valkey/valkey-glide`): the analyzer reads its clients and options too.
import { GlideClient } from '@valkey/valkey-glide';

export async function dailyReport(day: string): Promise<unknown> {
  // A new multiplexed connection on every call: create one client at start-up instead.
  const client = await GlideClient.createClient({ addresses: [{ host: 'localhost', port: 6379 }] });
  const keys = await client.customCommand(['KEYS', `report:${day}:*`]);
  client.close();
  return keys;
}
