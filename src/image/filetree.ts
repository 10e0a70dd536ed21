import type { LayerEntry } from './walk.js';

/** A path of the final filesystem. `layer` is the 0-based index of the layer its entry came from. */
export interface TreeNode {
  name: string;
  parent: TreeNode | undefined;
  children: Map<string, TreeNode> | undefined;
  /** Undefined for directories no layer lists but that exist because something is inside them. */
  entry: LayerEntry | undefined;
  layer: number;
}

export type ChangeKind = 'added' | 'modified' | 'deleted';

/** What one layer does to the filesystem below it. */
export interface LayerChange {
  path: string;
  change: ChangeKind;
  /** The entry as the layer lists it (for `deleted`, the whiteout or opaque marker). */
  entry: LayerEntry;
  /** File bytes the change adds (`added`, `modified`) or hides (`deleted`). */
  bytes: number;
}

/** A copy of a file that ships in some layer but that the final filesystem cannot reach. */
export interface WastedCopy {
  path: string;
  /** 0-based layer holding the bytes. */
  layer: number;
  size: number;
  /** 0-based layer that hid it (the same layer when a tar lists one path twice). */
  removedBy: number;
  how: 'overwritten' | 'deleted';
}

export type Resolved = { node: TreeNode; path: string } | { error: 'missing' | 'loop' | 'not-a-directory'; path: string };

const MAX_LINK_HOPS = 40;
const ADDED = 1;
const MODIFIED = 2;

function newNode(name: string, parent: TreeNode | undefined, entry: LayerEntry | undefined, layer: number): TreeNode {
  return { name, parent, children: undefined, entry, layer };
}

function isDirectory(node: TreeNode): boolean {
  return node.entry === undefined || node.entry.kind === 'directory';
}

export function nodePath(node: TreeNode): string {
  const parts: string[] = [];
  for (let n: TreeNode | undefined = node; n?.parent; n = n.parent) parts.push(n.name);
  return parts.reverse().join('/');
}

/** Every node below (not including) `node`, depth first. */
export function* descendants(node: TreeNode): Generator<TreeNode> {
  const stack: TreeNode[] = [];
  const push = (parent: TreeNode): void => {
    if (parent.children) for (const child of [...parent.children.values()].reverse()) stack.push(child);
  };
  push(node);
  while (stack.length > 0) {
    const next = stack.pop()!;
    yield next;
    push(next);
  }
}

function fileBytes(node: TreeNode): number {
  return node.entry?.kind === 'file' ? node.entry.size : 0;
}

/**
 * The layers stacked as a container runtime stacks them: each layer's whiteouts and opaque markers hide what lower
 * layers hold, then its entries are laid on top. Keeps, per path, the layer it came from; per layer, what it
 * added, changed and deleted; and every copy of a file that ships but is hidden in the final filesystem.
 */
export class FileTree {
  readonly root: TreeNode = newNode('', undefined, undefined, -1);
  // Per layer, per entry: what it did (compact: images can list hundreds of thousands of entries).
  private readonly changeKinds: Uint8Array[] = [];
  private readonly deletedBytes: Map<number, number>[] = [];
  readonly wasted: WastedCopy[] = [];
  // Directory nodes by path while a layer is applied: tars list a directory's entries together. Cleared whenever a
  // directory leaves the tree, so it never hands out a detached node.
  private readonly directories = new Map<string, TreeNode>();

  constructor(readonly layers: readonly (readonly LayerEntry[])[]) {
    layers.forEach((entries, index) => this.apply(index, entries));
    this.directories.clear();
    this.keepHardLinkedCopies();
  }

  /** The node at `path`, following symlinks in the directories on the way but not in the last name. */
  get(path: string): TreeNode | undefined {
    const resolved = this.resolve(path, false);
    return 'node' in resolved ? resolved.node : undefined;
  }

  /**
   * Resolves `path` inside the image the way the kernel would inside the container: symlinks followed (absolute
   * targets from the image root, `..` stopping at the root), at most 40 hops.
   */
  resolve(path: string, followLast = true): Resolved {
    let hops = 0;
    const pending = path.split('/').filter((p) => p !== '' && p !== '.');
    let node = this.root;
    while (pending.length > 0) {
      const name = pending.shift()!;
      if (name === '..') {
        node = node.parent ?? node;
        continue;
      }
      if (!isDirectory(node)) return { error: 'not-a-directory', path };
      const child = node.children?.get(name);
      if (!child) return { error: 'missing', path };
      if (child.entry?.kind === 'symlink' && (pending.length > 0 || followLast)) {
        if (++hops > MAX_LINK_HOPS) return { error: 'loop', path };
        const target = child.entry.linkTarget ?? '';
        pending.unshift(...target.split('/').filter((p) => p !== '' && p !== '.'));
        if (target.startsWith('/')) node = this.root;
        continue;
      }
      node = child;
    }
    return { node, path: nodePath(node) };
  }

  /** Whether the final filesystem still shows the entry that `layer` wrote at `path`. */
  isLive(layer: number, path: string): boolean {
    const node = this.get(path);
    return node !== undefined && node.layer === layer && node.entry?.path === path;
  }

  /** File bytes of the final filesystem under `path` (its own size for a file). */
  bytesUnder(path: string): number {
    const node = this.get(path);
    if (!node) return 0;
    let total = fileBytes(node);
    for (const child of descendants(node)) total += fileBytes(child);
    return total;
  }

  /** Every node of the final filesystem. */
  *nodes(): Generator<TreeNode> {
    yield* descendants(this.root);
  }

  /** What `layer` adds, changes and deletes: deletions first (they apply to the layers below), then in tar order. */
  changesOf(layer: number): LayerChange[] {
    const entries = this.layers[layer] ?? [];
    const kinds = this.changeKinds[layer]!;
    const deleted = this.deletedBytes[layer]!;
    const changes: LayerChange[] = [];
    for (const [index, bytes] of deleted) changes.push({ path: entries[index]!.path, change: 'deleted', entry: entries[index]!, bytes });
    kinds.forEach((kind, index) => {
      const entry = entries[index]!;
      if (kind === ADDED) changes.push({ path: entry.path, change: 'added', entry, bytes: entry.size });
      else if (kind === MODIFIED) changes.push({ path: entry.path, change: 'modified', entry, bytes: entry.kind === 'directory' ? 0 : entry.size });
    });
    return changes;
  }

  /** How many entries of `layer` add, change and delete something. */
  changeCounts(layer: number): { added: number; modified: number; deleted: number } {
    const counts = { added: 0, modified: 0, deleted: this.deletedBytes[layer]!.size };
    for (const kind of this.changeKinds[layer]!) {
      if (kind === ADDED) counts.added++;
      else if (kind === MODIFIED) counts.modified++;
    }
    return counts;
  }

  private apply(layer: number, entries: readonly LayerEntry[]): void {
    this.directories.clear();
    const kinds = new Uint8Array(entries.length);
    const deleted = new Map<number, number>();
    this.changeKinds.push(kinds);
    this.deletedBytes.push(deleted);
    // Whiteouts hide what the layers below hold, never what their own layer adds (OCI image spec), so they go first.
    entries.forEach((entry, index) => {
      if (entry.kind === 'whiteout') {
        const node = this.get(entry.path);
        if (!node?.parent) return;
        const bytes = this.hide(node, layer, 'deleted');
        node.parent.children!.delete(node.name);
        deleted.set(index, bytes);
      } else if (entry.kind === 'opaque') {
        const node = this.get(entry.path);
        if (!node?.children || node.children.size === 0) return;
        let bytes = 0;
        for (const child of node.children.values()) bytes += this.hide(child, layer, 'deleted');
        node.children.clear();
        this.directories.clear();
        deleted.set(index, bytes);
      }
    });
    for (let index = 0; index < entries.length; index++) {
      const entry = entries[index]!;
      if (entry.kind === 'whiteout' || entry.kind === 'opaque') continue;
      const slash = entry.path.lastIndexOf('/');
      const parent = this.directoryFor(slash < 0 ? '' : entry.path.slice(0, slash), layer);
      const name = entry.path.slice(slash + 1);
      const existing = parent.children?.get(name);
      if (!existing) {
        (parent.children ??= new Map()).set(name, newNode(name, parent, entry, layer));
        kinds[index] = ADDED;
        continue;
      }
      const bothDirectories = entry.kind === 'directory' && isDirectory(existing);
      if (bothDirectories) {
        const before = existing.entry;
        existing.entry = entry;
        existing.layer = layer;
        if (before && (before.mode !== entry.mode || before.uid !== entry.uid || before.gid !== entry.gid)) kinds[index] = MODIFIED;
        continue;
      }
      this.hide(existing, layer, 'overwritten');
      const replacement = newNode(name, parent, entry, layer);
      parent.children!.set(name, replacement);
      kinds[index] = MODIFIED;
    }
  }

  /** The directory node for `path`, creating the missing ones (and replacing non-directories) as extraction would. */
  private directoryFor(path: string, layer: number): TreeNode {
    if (path === '') return this.root;
    const cached = this.directories.get(path);
    if (cached) return cached;
    const node = this.makeDirectory(path, layer);
    this.directories.set(path, node);
    return node;
  }

  private makeDirectory(path: string, layer: number): TreeNode {
    const resolved = this.resolve(path);
    if ('node' in resolved && isDirectory(resolved.node)) return resolved.node;
    let node = this.root;
    for (const name of path.split('/')) {
      const children = (node.children ??= new Map());
      let child = children.get(name);
      if (child?.entry?.kind === 'symlink') {
        const target = this.resolve(nodePath(child));
        if ('node' in target && isDirectory(target.node)) {
          node = target.node;
          continue;
        }
      }
      if (child && !isDirectory(child)) {
        this.hide(child, layer, 'overwritten');
        child = undefined;
      }
      if (!child) {
        child = newNode(name, node, undefined, -1);
        children.set(name, child);
      }
      node = child;
    }
    return node;
  }

  /** Records the files of `node`'s subtree as wasted; returns their bytes. */
  private hide(node: TreeNode, removedBy: number, how: WastedCopy['how']): number {
    if (isDirectory(node)) this.directories.clear();
    let bytes = 0;
    for (const hidden of [node, ...descendants(node)]) {
      const size = fileBytes(hidden);
      if (hidden.entry?.kind !== 'file') continue;
      bytes += size;
      this.wasted.push({ path: hidden.entry.path, layer: hidden.layer, size, removedBy, how });
    }
    return bytes;
  }

  /** A hidden file whose content a surviving hard link of its own layer still shows is not wasted. */
  private keepHardLinkedCopies(): void {
    const linked = new Set<string>();
    for (const node of this.nodes()) {
      if (node.entry?.kind === 'hardlink' && node.entry.linkTarget) linked.add(`${node.layer}\0${node.entry.linkTarget}`);
    }
    if (linked.size === 0) return;
    const kept = this.wasted.filter((copy) => !linked.has(`${copy.layer}\0${copy.path}`));
    this.wasted.splice(0, this.wasted.length, ...kept);
  }
}

export interface DiveEfficiency {
  /** Σ smallest size seen per path ÷ Σ every size seen per path (1 when nothing is seen). */
  score: number;
  /** Σ every size seen, over the paths seen in two or more layers: counts the copy that is kept, too. */
  wastedBytes: number;
  inefficiencies: { path: string; cumulativeSize: number; layers: number[] }[];
}

/** What dive knows of a path: its copies so far (as a leaf of some layer) and what the stacked layers leave there. */
interface DivePath {
  cumulative: number;
  min: number;
  /** First layer that showed the path as a leaf, -1 if none has. */
  first: number;
  layers?: number[];
  visitedIn: number;
  size: number;
  isDir: boolean;
  present: boolean;
}

/**
 * dive's efficiency (`dive/filetree/efficiency.go`), reproduced to the letter so the numbers can be compared: only
 * the leaves of each layer's own tree count; a whiteout counts 0 for a file and the whole earlier subtree for a
 * directory; opaque markers are ignored.
 */
export function diveEfficiency(layers: readonly (readonly LayerEntry[])[]): DiveEfficiency {
  const paths = new Map<string, DivePath>();
  const subtree = (path: string, remove: boolean): number => {
    let total = 0;
    const prefix = `${path}/`;
    for (const [key, data] of paths) {
      if (!data.present || !key.startsWith(prefix)) continue;
      total += data.size;
      if (remove) data.present = false;
    }
    return total;
  };
  layers.forEach((entries, layer) => {
    // Directories with something below them in this layer are not leaves of its tree. Tars list a directory's
    // entries together, so the last directory seen saves nearly every lookup.
    const ancestors = new Set<string>();
    let lastDir = '';
    for (const entry of entries) {
      const path = entry.path;
      if (lastDir && path.length > lastDir.length && path.startsWith(lastDir) && path[lastDir.length] === '/' && !path.includes('/', lastDir.length + 1)) continue;
      for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
        const dir = path.slice(0, slash);
        if (slash === path.lastIndexOf('/')) lastDir = dir;
        if (ancestors.has(dir)) break;
        ancestors.add(dir);
      }
    }
    // Last entry first: when a tar lists a path twice, dive's tree keeps the last payload.
    const visitedPaths: DivePath[] = [];
    const visitedEntries: LayerEntry[] = [];
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i]!;
      if (entry.kind === 'opaque') continue;
      let data = paths.get(entry.path);
      if (data?.visitedIn === layer) continue;
      if (!data) {
        data = { cumulative: 0, min: -1, first: -1, visitedIn: layer, size: 0, isDir: false, present: false };
        paths.set(entry.path, data);
      }
      data.visitedIn = layer;
      visitedPaths.push(data);
      visitedEntries.push(entry);
      if (ancestors.has(entry.path)) continue;
      let size = entry.size;
      if (entry.kind === 'whiteout') size = data.present && data.isDir ? data.size + subtree(entry.path, false) : 0;
      data.cumulative += size;
      if (data.first < 0) {
        data.first = layer;
        data.min = size;
      } else {
        if (size < data.min) data.min = size;
        (data.layers ??= [data.first]).push(layer);
      }
    }
    visitedPaths.forEach((data, i) => {
      const entry = visitedEntries[i]!;
      if (entry.kind === 'whiteout') {
        // A file has no subtree; a directory, listed or implied, takes its subtree with it.
        if (!data.present || data.isDir) subtree(entry.path, true);
        data.present = false;
      } else {
        data.present = true;
        data.size = entry.size;
        data.isDir = entry.kind === 'directory';
      }
    });
  });
  let minimum = 0;
  let discovered = 0;
  let wastedBytes = 0;
  const inefficiencies: DiveEfficiency['inefficiencies'] = [];
  for (const [path, data] of paths) {
    if (data.first < 0) continue;
    minimum += data.min;
    discovered += data.cumulative;
    if (data.layers) {
      wastedBytes += data.cumulative;
      inefficiencies.push({ path, cumulativeSize: data.cumulative, layers: data.layers });
    }
  }
  inefficiencies.sort((a, b) => b.cumulativeSize - a.cumulativeSize);
  return { score: discovered === 0 ? 1 : minimum / discovered, wastedBytes, inefficiencies };
}
