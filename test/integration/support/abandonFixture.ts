// Child process for fixtureLifecycle.test.ts: starts a server, reports it, then leaves without stop().
// argv[2] = 'exit' (exits normally) or 'wait' (waits to be killed by a signal).
import { startStandalone } from '../../fixtures/redis';

void startStandalone().then((server) => {
  process.stdout.write(`${JSON.stringify({ pid: server.pid, port: server.port, dir: server.dir })}\n`);
  if (process.argv[2] === 'exit') process.exit(0);
  setInterval(() => undefined, 60_000);
});
