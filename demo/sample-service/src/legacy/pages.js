// Uses the clients exported by ./store.js: the analyzer follows `exports.cache = new Redis()` across files (so KEYS is a
// warning, not a guess), knows `connect()` opens a new connection each time, and reads `redis.print`-style callbacks.
'use strict';
const store = require('./store');
const { connect } = require('./store');

async function pageKeys() {
  return store.cache.keys('page:*');
}

async function renderPage(req, res) {
  const redis = connect();
  const html = await redis.get(`page:${req.params.id}`);
  res.end(html ?? '');
}

function cachePage(id, html) {
  store.cache.set(`page:${id}`, html, console.log);
}

module.exports = { pageKeys, renderPage, cachePage };
