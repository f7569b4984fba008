import assert from 'node:assert/strict';
import type { RedisClient } from '../../../../src/core/redis/connection/clientFactory';
import { parseKeyFilter } from '../../../../src/core/redis/keyspace/keyFilter';
import { KeyspaceBrowser } from '../../../../src/core/redis/keyspace/keyspaceBrowser';
import { KeyspaceScanError, KeyspaceScanner, ScanCancelledError } from '../../../../src/core/redis/keyspace/keyspaceScanner';

const b = (text: string): Buffer => Buffer.from(text, 'latin1');

/** Redis glob semantics for the fake server (test only): * ? [..] and \ escapes, over latin1 text. */
function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') re += `\\x${glob.charCodeAt(++i).toString(16).padStart(2, '0')}`;
    else if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else if (c === '[') {
      const end = glob.indexOf(']', i);
      re += glob.slice(i, end + 1);
      i = end;
    } else re += `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  }
  return new RegExp(`^${re}$`);
}

/**
 * A stand-in for one server: SCAN walks a fixed key list COUNT at a time (cursor = position),
 * applies MATCH after counting like Redis does, and can be told to fail or stall.
 */
class FakeServer {
  readonly options = { host: 'fake', port: 1 };
  scans: string[][] = [];
  failNext = false;
  stall: Promise<void> | undefined;
  constructor(public keys: Buffer[], private readonly types: Record<string, string> = {}) {}

  async callBuffer(command: string, cursor: string, ...args: (string | Buffer | number)[]): Promise<unknown> {
    assert.equal(command, 'SCAN');
    this.scans.push([cursor, ...args.map(String)]);
    if (this.stall) await this.stall;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('Connection is closed.');
    }
    const opt = (name: string): string | undefined => {
      const at = args.findIndex((a) => String(a) === name);
      return at >= 0 ? String(args[at + 1] instanceof Buffer ? (args[at + 1] as Buffer).toString('latin1') : args[at + 1]) : undefined;
    };
    const count = Number(opt('COUNT') ?? 10);
    const match = opt('MATCH');
    const type = opt('TYPE');
    const start = Number(cursor);
    const slice = this.keys.slice(start, start + count);
    const next = start + count >= this.keys.length ? '0' : String(start + count);
    const matching = slice
      .filter((k) => !match || globToRegExp(match).test(k.toString('latin1')))
      .filter((k) => !type || (this.types[k.toString('latin1')] ?? 'string') === type);
    return [b(next), matching];
  }

  type(key: Buffer): Promise<string> {
    return Promise.resolve(this.keys.some((k) => k.equals(key)) ? (this.types[key.toString('latin1')] ?? 'string') : 'none');
  }
}

const asClient = (server: FakeServer): RedisClient => server as unknown as RedisClient;
const keys = (n: number, prefix = 'k:'): Buffer[] => Array.from({ length: n }, (_, i) => b(`${prefix}${i}`));

describe('KeyspaceScanner', () => {
  it('pages through the keyspace with MATCH, COUNT and TYPE until the cursor is 0', async () => {
    const server = new FakeServer(keys(25));
    const scanner = new KeyspaceScanner(asClient(server), { match: b('k:1*'), count: 10, type: 'string' });
    const seen: string[] = [];
    let page;
    do {
      page = await scanner.nextPage();
      seen.push(...page.keys.map((k) => k.toString()));
    } while (!page.done);
    assert.deepEqual(seen, ['k:1', 'k:10', 'k:11', 'k:12', 'k:13', 'k:14', 'k:15', 'k:16', 'k:17', 'k:18', 'k:19']);
    assert.deepEqual(server.scans[0], ['0', 'MATCH', 'k:1*', 'COUNT', '10', 'TYPE', 'string']);
    assert.equal(server.scans.length, 3);
    assert.deepEqual(await scanner.nextPage(), { keys: [], done: true });
    assert.equal(server.scans.length, 3, 'a finished scanner sends nothing');
  });

  it('repeats the same cursor after a failure instead of skipping keys', async () => {
    const server = new FakeServer(keys(20));
    const scanner = new KeyspaceScanner(asClient(server), { count: 10 });
    await scanner.nextPage();
    server.failNext = true;
    await assert.rejects(scanner.nextPage(), (e: unknown) => e instanceof KeyspaceScanError && /fake:1.*was lost/.test((e as Error).message));
    const page = await scanner.nextPage();
    assert.equal(page.keys.length, 10);
    assert.equal(page.done, true);
    assert.deepEqual(server.scans.map((s) => s[0]), ['0', '10', '10']);
  });

  it('rejects at once on abort and hands the reply in flight to the next call', async () => {
    const server = new FakeServer(keys(20));
    const scanner = new KeyspaceScanner(asClient(server), { count: 10 });
    let release: () => void = () => undefined;
    server.stall = new Promise((resolve) => (release = resolve));
    const controller = new AbortController();
    const pending = scanner.nextPage({ signal: controller.signal });
    controller.abort();
    await assert.rejects(pending, ScanCancelledError);
    server.stall = undefined;
    release();
    const page = await scanner.nextPage();
    assert.deepEqual(page.keys.map(String), keys(10).map(String));
    assert.equal(server.scans.length, 1, 'the cancelled round trip was reused, not resent');
  });

  it('prefetches the next page while the caller works, and runs concurrent calls in order', async () => {
    const server = new FakeServer(keys(30));
    const scanner = new KeyspaceScanner(asClient(server), { count: 10 });
    await scanner.nextPage({ prefetch: true });
    assert.equal(server.scans.length, 2);
    const [p2, p3] = await Promise.all([scanner.nextPage(), scanner.nextPage()]);
    assert.deepEqual([p2.keys[0].toString(), p3.keys[0].toString(), String(p3.done)], ['k:10', 'k:20', 'true']);
  });

  it('keeps a failed prefetch from becoming an unhandled rejection and reports it on the next call', async () => {
    const server = new FakeServer(keys(30));
    const scanner = new KeyspaceScanner(asClient(server), { count: 10 });
    let unhandled: unknown;
    const onUnhandled = (reason: unknown): void => {
      unhandled = reason;
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      server.failNext = false;
      await scanner.nextPage();
      server.failNext = true;
      await scanner.nextPage({ prefetch: false }).catch(() => undefined);
      server.failNext = false;
      await scanner.nextPage({ prefetch: true });
      server.failNext = true;
      await new Promise((resolve) => setImmediate(resolve));
      await assert.doesNotReject(scanner.nextPage());
      assert.equal(unhandled, undefined);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('KeyspaceBrowser', () => {
  it('loads the top level in one round trip and marks it partial until the scan ends', async () => {
    const server = new FakeServer([...keys(15, 'a:'), ...keys(15, 'b:x:')]);
    const browser = new KeyspaceBrowser(asClient(server), { delimiter: ':', count: 10 });
    const first = await browser.loadMore(b(''));
    assert.deepEqual([first.roundTrips, first.newKeys, first.complete], [1, 10, false]);
    assert.equal(browser.canLoadMore(b('')), true);
    assert.deepEqual(server.scans[0], ['0', 'COUNT', '10'], 'the unfiltered top level scans without MATCH');
    const rest = await browser.loadMore(b(''), { minNewKeys: 100 });
    assert.equal(rest.complete, true);
    assert.equal(browser.canLoadMore(b('b:x:')), false, 'a finished top-level scan makes every folder exact');
    const top = browser.level(b(''));
    assert.deepEqual(top.folders.map((f) => [f.name.toString(), f.keyCount, f.complete]), [['a', 15, true], ['b', 15, true]]);
  });

  it('scans a folder with its own MATCH prefix* and counts keys found by several scans once', async () => {
    const server = new FakeServer([...keys(5, 'a:'), ...keys(5, 'we*ird:')]);
    const browser = new KeyspaceBrowser(asClient(server), { delimiter: ':', count: 4 });
    await browser.loadMore(b(''));
    const folder = await browser.loadMore(b('we*ird:'), { minNewKeys: 100 });
    assert.deepEqual(server.scans[1], ['0', 'MATCH', 'we\\*ird:*', 'COUNT', '4']);
    assert.equal(folder.complete, true);
    assert.equal(browser.level(b('we*ird:')).keyCount, 5);
    assert.equal(browser.canLoadMore(b('')), true);
    await browser.loadMore(b(''), { minNewKeys: 100 });
    assert.equal(browser.level(b('')).keyCount, 10);
  });

  it('stops at maxNewKeys and says so', async () => {
    const server = new FakeServer(keys(100));
    const browser = new KeyspaceBrowser(asClient(server), { delimiter: ':', count: 10 });
    const result = await browser.loadMore(b(''), { minNewKeys: 1000, maxNewKeys: 25 });
    assert.deepEqual([result.newKeys, result.stoppedAtLimit, result.complete], [30, true, false]);
  });

  it('shows the exact key of a plain filter at once, then its prefix matches', async () => {
    const server = new FakeServer([...keys(50, 'z:'), b('user:4'), b('user:42'), b('user:5')], { 'user:42': 'hash' });
    const browser = new KeyspaceBrowser(asClient(server), { delimiter: ':', count: 10, filter: parseKeyFilter('user:4') });
    const first = await browser.loadMore(b(''));
    assert.equal(first.newKeys, 1, 'the exact key, before SCAN reached it');
    assert.deepEqual(browser.level(b('user:')).leaves.map((l) => l.name.toString()), ['4']);
    await browser.loadMore(b(''), { minNewKeys: 100 });
    assert.deepEqual(browser.level(b('user:')).leaves.map((l) => l.name.toString()), ['4', '42']);
    assert.equal(server.scans.every((s) => s.includes('user:4*')), true);
  });

  it('passes the type filter to every SCAN', async () => {
    const server = new FakeServer([b('h:1'), b('s:1')], { 'h:1': 'hash' });
    const browser = new KeyspaceBrowser(asClient(server), { delimiter: ':', filter: parseKeyFilter('', 'hash') });
    await browser.loadMore(b(''), { minNewKeys: 10 });
    assert.deepEqual(browser.level(b('')).folders.map((f) => f.name.toString()), ['h']);
    assert.ok(server.scans.every((s) => s.includes('TYPE') && s.includes('hash')));
  });

  it('reports progress and stops on abort, keeping what was loaded', async () => {
    const server = new FakeServer(keys(100));
    const browser = new KeyspaceBrowser(asClient(server), { delimiter: ':', count: 10 });
    const controller = new AbortController();
    const seen: number[] = [];
    await assert.rejects(
      browser.loadMore(b(''), {
        minNewKeys: 1000,
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p.newKeys);
          if (p.roundTrips === 3) controller.abort();
        },
      }),
      ScanCancelledError,
    );
    assert.deepEqual(seen, [10, 20, 30]);
    assert.equal(browser.level(b('')).keyCount, 30);
  });
});
