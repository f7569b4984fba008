/** A node as the server announces it (before any address mapping). */
export interface ListedNode {
  host: string;
  port: number;
  role: 'master' | 'replica';
}

/** Nodes that have no usable address yet, or are only being introduced. */
const UNREACHABLE_FLAGS = new Set(['noaddr', 'handshake']);

/**
 * Every node of `CLUSTER NODES`: `<id> <ip:port@cport[,hostname]> <flags> <master-id> …`. Unlike
 * CLUSTER SLOTS it lists replicas that have not synced yet and nodes without slots.
 */
export function parseClusterNodes(text: string): ListedNode[] {
  const nodes: ListedNode[] = [];
  for (const line of text.split('\n')) {
    const [, address, flagList] = line.trim().split(' ');
    if (!address || !flagList) continue;
    const flags = flagList.split(',');
    if (flags.some((flag) => UNREACHABLE_FLAGS.has(flag))) continue;
    const hostPort = address.split(/[@,]/)[0];
    const colon = hostPort.lastIndexOf(':');
    const host = hostPort.slice(0, colon);
    const port = Number(hostPort.slice(colon + 1));
    if (!host || !Number.isInteger(port) || port <= 0) continue;
    nodes.push({ host, port, role: flags.includes('master') ? 'master' : 'replica' });
  }
  return nodes;
}

/** `SENTINEL REPLICAS <name>`: one flat `[field, value, …]` array per replica (RESP2), or a map (RESP3). */
export function parseSentinelReplicas(reply: unknown): ListedNode[] {
  if (!Array.isArray(reply)) return [];
  const nodes: ListedNode[] = [];
  for (const entry of reply) {
    const fields = fieldsOf(entry);
    const host = fields.get('ip');
    const port = Number(fields.get('port'));
    if (host && Number.isInteger(port) && port > 0) nodes.push({ host, port, role: 'replica' });
  }
  return nodes;
}

function fieldsOf(entry: unknown): Map<string, string> {
  if (Array.isArray(entry)) {
    const fields = new Map<string, string>();
    for (let i = 0; i + 1 < entry.length; i += 2) fields.set(String(entry[i]), String(entry[i + 1]));
    return fields;
  }
  if (entry && typeof entry === 'object') return new Map(Object.entries(entry).map(([k, v]) => [k, String(v)]));
  return new Map();
}
