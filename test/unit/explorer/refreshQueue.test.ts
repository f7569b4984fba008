import assert from 'node:assert/strict';
import { RefreshQueue } from '../../../src/explorer/refreshQueue';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A queue that records what it fires; `next()` resolves with the next event. */
function recorder(): { fired: Array<string[] | undefined>; next: () => Promise<string[] | undefined>; queue: RefreshQueue<string> } {
  const fired: Array<string[] | undefined> = [];
  let waiting: ((nodes: string[] | undefined) => void) | undefined;
  const queue = new RefreshQueue<string>((nodes) => {
    fired.push(nodes);
    waiting?.(nodes);
    waiting = undefined;
  }, 5);
  return { fired, queue, next: () => new Promise((resolve) => (waiting = resolve)) };
}

describe('RefreshQueue (tree refreshes coalesced)', () => {
  it('sends refreshes asked for together as one event, each node once', async () => {
    const { fired, queue, next } = recorder();
    const sent = next();
    queue.request('db0');
    queue.request('folder');
    queue.request('db0');
    assert.deepEqual((await sent)?.sort(), ['db0', 'folder']);
    await sleep(20);
    assert.equal(fired.length, 1);
    queue.dispose();
  });

  it('a whole-tree refresh covers the nodes asked for with it', async () => {
    const { queue, next } = recorder();
    const sent = next();
    queue.request('db0');
    queue.request();
    assert.equal(await sent, undefined);
    queue.dispose();
  });

  it('a refresh asked for after one went out goes out in its turn', async () => {
    const { fired, queue, next } = recorder();
    let sent = next();
    queue.request('db0');
    assert.deepEqual(await sent, ['db0']);
    sent = next();
    queue.request('db1');
    assert.deepEqual(await sent, ['db1']);
    assert.equal(fired.length, 2);
    queue.dispose();
  });

  it('sends nothing after dispose', async () => {
    const { fired, queue } = recorder();
    queue.request('db0');
    queue.dispose();
    queue.request('db1');
    await sleep(30);
    assert.deepEqual(fired, []);
  });
});
