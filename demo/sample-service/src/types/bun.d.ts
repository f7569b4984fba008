// Stands in for bun-types (the part edge.ts uses), so the demo type-checks without installing Bun.
declare module 'bun' {
  export class RedisClient {
    constructor(url?: string);
    get(key: string): Promise<string | null>;
    set(key: string, value: string, ...options: Array<string | number>): Promise<'OK' | null>;
    del(...keys: string[]): Promise<number>;
  }
  export const redis: RedisClient;
}
