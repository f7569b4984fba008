// Carried over from node-redis v3: v4 and later read SET's options from an object and drop the positional
// 'EX', 30 — this heartbeat key would never expire.
const { createClient } = require('redis');

const client = createClient({ url: process.env.REDIS_URL });
client.on('error', (err) => console.error('Redis client error', err));

async function heartbeat(workerId) {
  if (!client.isOpen) await client.connect();
  await client.set(`worker:${workerId}:alive`, Date.now().toString(), 'EX', 30);
}

module.exports = { heartbeat };
