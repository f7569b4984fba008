import type { Redis } from 'ioredis';
import { FlatReplies, KIND_BULK, KIND_ERROR, KIND_INTEGER, KIND_NULL, KIND_SIMPLE } from './flatReplies';
import type { BatchReader } from './keyReads';
import type { CommandBatch } from './flatReplies';

/**
 * The fallback when the analysis' raw connection to a node cannot be opened: the batch as an
 * ioredis pipeline on the node's own connection, its replies put in the same flat form.
 */
export class PipelineReader implements BatchReader {
  constructor(private readonly node: Redis) {}

  async send(batch: CommandBatch): Promise<FlatReplies> {
    const replies = new FlatReplies(batch.count);
    if (batch.count === 0) return replies;
    const pipeline = this.node.pipeline();
    for (const [name, ...args] of batch.commands()) pipeline.call(String(name), ...args);
    const results = (await pipeline.exec()) ?? [];
    results.forEach(([error, value], i) => {
      if (error) {
        replies.kinds[i] = KIND_ERROR;
        replies.texts[i] = error.message;
      } else if (typeof value === 'number') {
        replies.kinds[i] = KIND_INTEGER;
        replies.integers[i] = value;
      } else if (typeof value === 'string' || Buffer.isBuffer(value)) {
        replies.kinds[i] = typeof value === 'string' ? KIND_SIMPLE : KIND_BULK;
        replies.texts[i] = value.toString();
      } else {
        replies.kinds[i] = KIND_NULL;
      }
    });
    replies.filled = batch.count;
    return replies;
  }
}
