import { DEFAULT_PORT, type HostPort } from './connectionConfig';

/**
 * Parses the wizard's `host:port, host:port` answer (Sentinels, Cluster seed nodes); IPv6 as `[::1]:7000`,
 * a missing port is 6379. Returns the sentence to show instead when a part is not host:port.
 */
export function parseHostList(text: string): HostPort[] | string {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  if (parts.length === 0) return 'Enter at least one host:port.';
  const result: HostPort[] = [];
  for (const part of parts) {
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(part);
    const port = match?.[2] ? Number(match[2]) : DEFAULT_PORT;
    if (!match || port < 1 || port > 65535) return `"${part}" is not host:port.`;
    result.push({ host: match[1].replace(/^\[|\]$/g, ''), port });
  }
  return result;
}

/** The inverse of parseHostList: what the wizard shows as the current answer. */
export function formatHostList(hosts: readonly HostPort[] | undefined): string {
  return (hosts ?? []).map((h) => (h.host.includes(':') ? `[${h.host}]:${h.port}` : `${h.host}:${h.port}`)).join(', ');
}
