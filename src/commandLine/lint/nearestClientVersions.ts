/**
 * The node-redis major version a file's project installs: read (once per folder) from the nearest
 * folder above the file whose package.json, lockfile or node_modules tells it, as the editor reads it
 * from the workspace folder.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { detectClientVersions } from '../../core/analysis';
import type { NodeRedisMajor } from '../../core/analysis/types';

export class NearestClientVersions {
  private readonly byFolder = new Map<string, Promise<NodeRedisMajor | null>>();

  nodeRedisMajor(folder: string): Promise<NodeRedisMajor | null> {
    let found = this.byFolder.get(folder);
    if (!found) {
      found = this.find(folder);
      this.byFolder.set(folder, found);
    }
    return found;
  }

  private async find(folder: string): Promise<NodeRedisMajor | null> {
    const major = (await exists(path.join(folder, 'package.json'))) ? (await detectClientVersions(folder)).nodeRedisMajor : null;
    if (major !== null) return major;
    // A monorepo package may take node-redis from the root's dependencies or lockfile.
    const parent = path.dirname(folder);
    return parent === folder ? null : this.nodeRedisMajor(parent);
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}
