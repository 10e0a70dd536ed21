// Real directory trees for context tests, built in a temporary directory.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';

export type TreeNode = string | Buffer | { symlink: string } | { fifo: true } | { dir: true; mode?: number };

/** Creates the tree under a new temporary directory (world-readable, so other users can walk it). */
export function makeTree(nodes: Record<string, TreeNode>): string {
  const root = mkdtempSync(join(tmpdir(), 'shipshape-context-'));
  chmodSync(root, 0o755);
  addToTree(root, nodes);
  return root;
}

export function addToTree(root: string, nodes: Record<string, TreeNode>): void {
  for (const [path, node] of Object.entries(nodes)) {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    if (typeof node === 'string' || Buffer.isBuffer(node)) writeFileSync(abs, node);
    else if ('symlink' in node) symlinkSync(node.symlink, abs);
    else if ('fifo' in node) {
      const result = spawnSync('mkfifo', [abs]);
      if (result.status !== 0) throw new Error(`mkfifo ${abs} failed: ${result.stderr}`);
    } else {
      mkdirSync(abs, { recursive: true });
      if (node.mode !== undefined) chmodSync(abs, node.mode);
    }
  }
}

export function removeTree(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/** A `makeTree` for one test file: every tree it makes is removed when the file's tests are done. */
export function treesRemovedAfterTests(): (nodes: Record<string, TreeNode>) => string {
  const roots: string[] = [];
  after(() => roots.forEach(removeTree));
  return (nodes) => {
    const root = makeTree(nodes);
    roots.push(root);
    return root;
  };
}

/** `find ROOT ! -type d`, relative to ROOT, in find's order. */
export function findNonDirectories(root: string): string[] {
  const result = spawnSync('find', [root, '!', '-type', 'd'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`find failed: ${result.stderr}`);
  return result.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.slice(root.length + 1));
}
