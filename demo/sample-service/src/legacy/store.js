// Older CommonJS code: the client is exported by assigning the creation itself, and `connect()` makes a new client
// on every call (a factory its importers call).
'use strict';
const Redis = require('ioredis');

exports.cache = new Redis(process.env.REDIS_URL);
exports.cache.on('error', (err) => console.error('Redis error', err));

exports.connect = function () {
  return new Redis(process.env.REDIS_URL);
};
