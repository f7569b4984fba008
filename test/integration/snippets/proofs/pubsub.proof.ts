import assert from 'node:assert/strict';
import { exported, type PatternProof, type ProofContext } from '../harness/proof';
import { eventually, range } from '../harness/util';

type Handler = (message: unknown, channel: string) => void;
type PubSubClass = new (client: object, onError?: (error: unknown) => void, channelPrefix?: string) => {
  publish(channel: string, message: unknown): Promise<number>;
  subscribe(channel: string, handler: Handler): Promise<() => Promise<void>>;
  psubscribe(pattern: string, handler: Handler): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

const pubSubClass = (ctx: ProofContext) => exported<PubSubClass>(ctx, 'PubSub');

function recorder() {
  const received: { channel: string; message: unknown }[] = [];
  const handler: Handler = (message, channel) => received.push({ channel, message });
  return { received, handler };
}

export const pubSubProof: PatternProof = {
  checks: {
    'messages arrive in publish order on the channels and patterns they were sent to': async (ctx) => {
      const PubSub = pubSubClass(ctx);
      const [subscriberSide, publisherSide] = await ctx.connectMany(2);
      const listener = new PubSub(subscriberSide);
      const publisher = new PubSub(publisherSide);
      const a = recorder();
      const b = recorder();
      const orders = recorder();
      await listener.subscribe('a', a.handler);
      await listener.subscribe('b', b.handler);
      await listener.psubscribe('orders:*', orders.handler);
      const sent = range(100).map((i) => ({ channel: ['a', 'b', 'orders:eu', 'orders:us', 'other'][i % 5], message: { seq: i } }));
      await Promise.all(sent.map(({ channel, message }) => publisher.publish(channel, message)));
      const expect = (test: (channel: string) => boolean) => sent.filter(({ channel }) => test(channel));
      await eventually('all messages to arrive', () => a.received.length + b.received.length + orders.received.length >= 80);
      assert.deepEqual(a.received, expect((channel) => channel === 'a'));
      assert.deepEqual(b.received, expect((channel) => channel === 'b'));
      assert.deepEqual(orders.received, expect((channel) => channel.startsWith('orders:')));
      await listener.close();
    },

    'after unsubscribe a handler gets nothing; malformed messages go to onError': async (ctx) => {
      const PubSub = pubSubClass(ctx);
      const errors: unknown[] = [];
      const pubsub = new PubSub(await ctx.connect(), (error) => errors.push(error));
      const a = recorder();
      const sync = recorder();
      const unsubscribe = await pubsub.subscribe('a', a.handler);
      await pubsub.subscribe('sync', sync.handler);
      await pubsub.publish('a', 'before');
      await ctx.admin.publish('events:a', 'not json');
      // Let the subscriber read it before unsubscribing: PUBLISH returning does not mean our socket was read.
      await eventually('the malformed message to be reported', () => errors.length === 1);
      await unsubscribe();
      assert.equal(await pubsub.publish('a', 'after'), 0, 'nobody listens to a any more');
      await pubsub.publish('sync', 'done');
      // One subscriber connection delivers in order: once "done" arrived, anything for "a" would have too.
      await eventually('the sync message', () => sync.received.length === 1);
      assert.deepEqual(a.received, [{ channel: 'a', message: 'before' }]);
      assert.equal(errors.length, 1, 'the malformed message was reported');
      await pubsub.close();
    },
  },
};
