/**
 * The node-redis major version a file's project installs: read (once per folder) from the nearest
 * folder above the file whose package.json, lockfile or node_modules tells it, as the editor reads it
 * from the workspace folder.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { detectClientVersions } from '../../core/analysis';
import type { NodeRedisMajor } from '../../core/analysis/types';
import { NearestFolder } from '../../core/analysis/nearestFolder';

export class NearestClientVersions {
  // A monorepo package may take node-redis from the root's dependencies or lockfile: a folder without an answer asks its parent.
  private readonly folders = new NearestFolder<NodeRedisMajor>(async (folder) => ((await exists(path.join(folder, 'package.json'))) ? (await detectClientVersions(folder)).nodeRedisMajor : null));

  nodeRedisMajor(folder: string): Promise<NodeRedisMajor | null> {
    return this.folders.find(folder);
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}
