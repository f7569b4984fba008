import { copyFileSync } from 'node:fs';
import path from 'node:path';
import Redis from 'ioredis';
import { startStandalone, stopAll } from '../test/fixtures/redis';
import { startCodeServer, type CodeServer } from './lib/codeServer';
import { prepareDemoWorkspace, type DemoWorkspace } from './lib/demoWorkspace';
import { seedDemoData } from './lib/seedDemoData';

// `npm run demo`: a throwaway redis-server with sample data, and code-server (VS Code in the
// browser) with the freshly packaged VSIX installed, a sample workspace and the connection set up.
const root = path.resolve(__dirname, '..');

let workspace: DemoWorkspace | undefined;
let server: CodeServer | undefined;
let stopping: Promise<void> | undefined;

/**
 * Stops everything once. Ctrl-C in a terminal signals the whole process group, and tsx also
 * relays the signal to this process, so the signal arrives more than once.
 */
function stop(exitCode: number): Promise<void> {
  stopping ??= (async () => {
    console.log('\nStopping code-server and redis-server…');
    await server?.stop();
    await stopAll();
    workspace?.dispose();
    process.exit(exitCode);
  })();
  return stopping;
}

/** A dump of the seeded data in the workspace, for Analyze Dump File… (right-click it in the Explorer). */
async function copyDumpInto(client: Redis, target: string): Promise<void> {
  await client.call('SAVE');
  const [, dir] = (await client.config('GET', 'dir')) as string[];
  const [, file] = (await client.config('GET', 'dbfilename')) as string[];
  copyFileSync(path.join(dir, file), target);
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  const { version } = (await import(path.join(root, 'package.json'))) as { version: string };
  const vsix = path.join(root, `redis-specialist-${version}.vsix`);

  const redis = await startStandalone();
  const client = new Redis(redis.port, redis.host);
  await seedDemoData(client);
  workspace = prepareDemoWorkspace({ repoRoot: root, redis });
  await copyDumpInto(client, path.join(workspace.folder, 'dump.rdb'));
  client.disconnect();
  const port = process.env.DEMO_PORT ? Number(process.env.DEMO_PORT) : undefined;
  server = await startCodeServer({ installVsix: [vsix], port, host: process.env.DEMO_HOST ?? '127.0.0.1', baseDir: path.join(workspace.root, 'code-server') });

  console.log(`
Redis Specialist demo is running.
  VS Code (code-server): ${server.url}/?folder=${encodeURIComponent(workspace.folder)}
  Redis:                 redis://${redis.host}:${redis.port} (throwaway, seeded with sample data)
Open the URL in a browser, click the Redis Specialist icon in the activity bar, and open
src/sessions.ts or src/jobs.ts to see the analyzer at work; open db0 to see the code's key patterns as folders;
right-click dump.rdb for Analyze Dump File…, or the connection for Save Snapshot and Analyze Dump… (the
throwaway server writes its dump on this machine, so BGSAVE's file opens straight in the report).
Press Ctrl-C to stop everything.`);
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await stop(1);
});
