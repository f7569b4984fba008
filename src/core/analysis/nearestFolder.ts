/**
 * The answer of the nearest folder, from one up to the file system root, that has one: a project config, the node-redis
 * version a package installs. Every folder's answer is cached (it is asked for every file) until `invalidate()`.
 */
import * as path from 'node:path';

export class NearestFolder<T> {
  private readonly folders = new Map<string, Promise<T | null>>();

  /** `own(folder)`: the folder's own answer, or null to ask its parent. */
  constructor(private readonly own: (folder: string) => Promise<T | null>) {}

  find(folder: string): Promise<T | null> {
    let found = this.folders.get(folder);
    if (!found) {
      found = this.lookUp(folder);
      this.folders.set(folder, found);
    }
    return found;
  }

  invalidate(): void {
    this.folders.clear();
  }

  private async lookUp(folder: string): Promise<T | null> {
    const own = await this.own(folder);
    if (own !== null) return own;
    const parent = path.dirname(folder);
    return parent === folder ? null : this.find(parent);
  }
}
