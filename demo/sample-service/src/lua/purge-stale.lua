-- Loaded with defineCommand('purgeStale', { numberOfKeys: 1, lua }) from a file next to the code, as queue and
-- lock libraries do. Redis Specialist reads .lua files that call Redis.
local queue = KEYS[1]
local prefix = ARGV[1]

-- Walks the whole keyspace inside one atomic call: the server is blocked until it returns.
local stale = redis.call('KEYS', prefix .. ':stale:*')
for _, key in ipairs(stale) do
  redis.call('UNLINK', key)
end

-- The job's key is built from ARGV, not passed in through KEYS: Cluster cannot route the script.
redis.call('HSET', prefix .. ':job:' .. ARGV[2], 'state', 'purged')
return redis.call('LLEN', queue)
