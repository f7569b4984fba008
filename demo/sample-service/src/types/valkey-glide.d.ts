// Stands in for @valkey/valkey-glide's types (the part valkey.ts uses), so the demo type-checks without installing it.
declare module '@valkey/valkey-glide' {
  export interface GlideClientConfiguration {
    addresses: Array<{ host: string; port?: number }>;
  }
  export class GlideClient {
    static createClient(config: GlideClientConfiguration): Promise<GlideClient>;
    get(key: string): Promise<string | null>;
    set(key: string, value: string, options?: object): Promise<'OK' | string | null>;
    customCommand(args: string[]): Promise<unknown>;
    close(): void;
  }
}
