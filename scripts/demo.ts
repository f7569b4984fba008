import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { startStandalone, stopAll } from '../test/fixtures/redis';
import { startCodeServer } from './lib/codeServer';
import { seedDemoData } from './lib/seedDemoData';

// `npm run demo`: a throwaway redis-server with sample data, and code-server (VS Code in the
// browser) with the freshly packaged VSIX installed, a sample workspace and the connection set up.
const root = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const { version } = (await import(path.join(root, 'package.json'))) as { version: string };
  const vsix = path.join(root, `redis-specialist-${version}.vsix`);

  const redis = await startStandalone();
  const client = new Redis(redis.port, redis.host);
  await seedDemoData(client);
  client.disconnect();

  const workspace = mkdtempSync(path.join(tmpdir(), 'redis-specialist-demo-'));
  cpSync(path.join(root, 'demo', 'sample-service'), workspace, { recursive: true });
  mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  writeFileSync(
    path.join(workspace, '.vscode', 'settings.json'),
    JSON.stringify({ 'redisSpecialist.connections': [{ id: 'demo', name: 'Demo server (throwaway)', host: redis.host, port: redis.port, label: 'demo' }] }, null, 2),
  );

  const port = process.env.DEMO_PORT ? Number(process.env.DEMO_PORT) : undefined;
  const server = await startCodeServer({ installVsix: [vsix], port, host: process.env.DEMO_HOST ?? '127.0.0.1' });
  const stop = async (): Promise<void> => {
    console.log('\nStopping code-server and redis-server…');
    await server.stop();
    await stopAll();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  console.log(`
Redis Specialist demo is running.
  VS Code (code-server): ${server.url}/?folder=${encodeURIComponent(workspace)}
  Redis:                 redis://${redis.host}:${redis.port} (throwaway, seeded with sample data)
Open the URL in a browser, click the Redis Specialist icon in the activity bar, and open
src/sessions.ts to see the analyzer at work. Press Ctrl-C to stop everything.`);
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await stopAll();
  process.exit(1);
});
