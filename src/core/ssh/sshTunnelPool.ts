/** What the pool needs of a tunnel (SshTunnel in production). */
export interface PoolableTunnel {
  open(): Promise<void>;
  close(): void;
}

export interface TunnelLease<T> {
  tunnel: T;
  /** Lets go of the tunnel; the last lease to go closes it. Calling it twice does nothing. */
  release(): void;
}

interface Entry<T> {
  leases: number;
  opening: Promise<T>;
}

/**
 * One tunnel per connection, shared by every feature that uses the connection (tree, CLI
 * terminal, dashboard, editors), opened by the first and closed when the last one lets go.
 */
export class SshTunnelPool<T extends PoolableTunnel> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly create: (connectionId: string) => T | Promise<T>) {}

  /** The open tunnel of a connection, opening it if nobody holds it; rejects with the tunnel's one-sentence error. */
  async acquire(connectionId: string): Promise<TunnelLease<T>> {
    let entry = this.entries.get(connectionId);
    if (!entry) {
      const opening = (async () => {
        const tunnel = await this.create(connectionId);
        try {
          await tunnel.open();
        } catch (error) {
          tunnel.close();
          throw error;
        }
        return tunnel;
      })();
      entry = { leases: 0, opening };
      const created = entry;
      this.entries.set(connectionId, created);
      // A tunnel that failed to open is forgotten, so the next user tries again.
      opening.catch(() => {
        if (this.entries.get(connectionId) === created) this.entries.delete(connectionId);
      });
    }
    entry.leases++;
    const held = entry;
    let tunnel: T;
    try {
      tunnel = await held.opening;
    } catch (error) {
      held.leases--;
      throw error;
    }
    let released = false;
    return {
      tunnel,
      release: () => {
        if (released) return;
        released = true;
        held.leases--;
        if (held.leases === 0 && this.entries.get(connectionId) === held) {
          this.entries.delete(connectionId);
          tunnel.close();
        }
      },
    };
  }

  /** How many users hold the connection's tunnel (0 when it is closed). */
  users(connectionId: string): number {
    return this.entries.get(connectionId)?.leases ?? 0;
  }

  /** Closes a connection's tunnel now (its settings changed, or it was removed); current holders see it closed. */
  invalidate(connectionId: string): void {
    const entry = this.entries.get(connectionId);
    if (!entry) return;
    this.entries.delete(connectionId);
    void entry.opening.then((tunnel) => tunnel.close(), () => undefined);
  }

  closeAll(): void {
    for (const id of [...this.entries.keys()]) this.invalidate(id);
  }
}
