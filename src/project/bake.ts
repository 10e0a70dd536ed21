// The builds a bake definition declares (`docker-bake.hcl`, `docker-bake.json`, `docker-bake.override.*`): each
// target's `context`, `dockerfile`, `target`, `args` and `contexts`, with `inherits` followed and `variable`
// defaults interpolated. The files of one directory make one definition, overrides last, as bake reads them.
// Function calls and operators are not evaluated: a value that needs one is reported as written.

import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { DeclaredBuilds } from './compose.js';
import { HclSyntaxError, parseHcl, type HclBody, type HclNode } from './hcl.js';
import { isRemoteContext, joinWritten, writtenText, type Written } from './paths.js';
import { isUnresolved, type Build, type ProjectNote } from './types.js';

type Value = string | number | boolean | null | Value[] | { [key: string]: Value } | { unresolved: string };

interface TargetDefinition {
  name: string;
  file: string;
  line: number;
  attributes: Map<string, HclNode>;
}

/** A JSON value as the HCL node bake would read (strings keep their `${…}` interpolation). */
function jsonNode(value: unknown): HclNode {
  if (typeof value === 'string') return parseHcl(`v = ${JSON.stringify(value)}`).attributes.get('v')!;
  if (Array.isArray(value)) return { type: 'list', items: value.map(jsonNode), text: JSON.stringify(value) };
  if (value && typeof value === 'object') {
    return { type: 'object', entries: Object.entries(value).map(([k, v]) => [k, jsonNode(v)]), text: JSON.stringify(value) };
  }
  return { type: 'literal', value: (value ?? null) as string | number | boolean | null, text: JSON.stringify(value) };
}

/** A bake JSON file as the HCL body it stands for. */
function jsonBody(data: unknown): HclBody {
  const body: HclBody = { attributes: new Map(), blocks: [] };
  if (!data || typeof data !== 'object') return body;
  for (const [key, value] of Object.entries(data)) {
    if ((key === 'variable' || key === 'target' || key === 'group' || key === 'function') && value && typeof value === 'object') {
      for (const [label, blockValue] of Object.entries(value)) {
        const attributes = new Map<string, HclNode>();
        if (blockValue && typeof blockValue === 'object') for (const [k, v] of Object.entries(blockValue)) attributes.set(k, jsonNode(v));
        body.blocks.push({ type: key, labels: [label], body: { attributes, blocks: [] }, line: 0 });
      }
    } else body.attributes.set(key, jsonNode(value));
  }
  return body;
}

class Definition {
  readonly variables = new Map<string, HclNode>();
  readonly targets = new Map<string, TargetDefinition[]>();
  readonly groups = new Map<string, HclNode>();
  private readonly evaluating = new Set<string>();
  private readonly values = new Map<string, Value>();

  add(body: HclBody, file: string): void {
    for (const [name, node] of body.attributes) this.variables.set(name, node);
    for (const block of body.blocks) {
      const label = block.labels[0];
      if (label === undefined) continue;
      if (block.type === 'variable') {
        const fallback = block.body.attributes.get('default');
        this.variables.set(label, fallback ?? { type: 'literal', value: '', text: '""' });
      } else if (block.type === 'target') {
        const list = this.targets.get(label) ?? [];
        list.push({ name: label, file, line: block.line, attributes: block.body.attributes });
        this.targets.set(label, list);
      } else if (block.type === 'group') {
        const targets = block.body.attributes.get('targets');
        if (targets) this.groups.set(label, targets);
      }
    }
  }

  variable(name: string): Value {
    const known = this.values.get(name);
    if (known !== undefined) return known;
    const node = this.variables.get(name);
    if (!node || this.evaluating.has(name)) return { unresolved: `\${${name}}` };
    this.evaluating.add(name);
    const value = this.evaluate(node);
    this.evaluating.delete(name);
    this.values.set(name, value);
    return value;
  }

  evaluate(node: HclNode): Value {
    switch (node.type) {
      case 'literal':
        return node.value;
      case 'reference':
        return this.variable(node.name);
      case 'expression':
        return { unresolved: node.text };
      case 'list':
        return node.items.map((item) => this.evaluate(item));
      case 'object':
        return Object.fromEntries(node.entries.map(([key, value]) => [key, this.evaluate(value)]));
      case 'template': {
        let out = '';
        for (const part of node.parts) {
          if (typeof part === 'string') {
            out += part;
            continue;
          }
          const value = this.evaluate(part);
          if (value === null || typeof value === 'object') return { unresolved: node.text.slice(1, -1) };
          out += String(value);
        }
        return out;
      }
    }
  }

  /** A target's attributes with its `inherits` chain merged (parents first, maps merged key by key). */
  resolvedTarget(name: string, seen = new Set<string>()): Map<string, Value> | undefined {
    const definitions = this.targets.get(name);
    if (!definitions || seen.has(name)) return undefined;
    seen.add(name);
    const merged = new Map<string, Value>();
    const own = new Map<string, Value>();
    for (const definition of definitions) {
      for (const [key, node] of definition.attributes) {
        const value = this.evaluate(node);
        const before = own.get(key);
        own.set(key, isMap(before) && isMap(value) ? { ...before, ...value } : value);
      }
    }
    const inherits = own.get('inherits');
    for (const parent of Array.isArray(inherits) ? inherits : []) {
      if (typeof parent !== 'string') continue;
      const resolved = this.resolvedTarget(parent, seen);
      if (resolved) mergeInto(merged, resolved);
    }
    mergeInto(merged, own);
    return merged;
  }

  /** Targets inherited by another target and in no group: bases, not builds of their own. */
  baseTargets(): Set<string> {
    const inherited = new Set<string>();
    for (const definitions of this.targets.values()) {
      for (const definition of definitions) {
        const inherits = definition.attributes.get('inherits');
        const value = inherits ? this.evaluate(inherits) : undefined;
        for (const name of Array.isArray(value) ? value : []) if (typeof name === 'string') inherited.add(name);
      }
    }
    for (const node of this.groups.values()) {
      const value = this.evaluate(node);
      for (const name of Array.isArray(value) ? value : []) if (typeof name === 'string') inherited.delete(name);
    }
    return inherited;
  }
}

function isMap(value: Value | undefined): value is { [key: string]: Value } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !('unresolved' in value && Object.keys(value).length === 1);
}

function mergeInto(into: Map<string, Value>, from: Map<string, Value>): void {
  for (const [key, value] of from) {
    if (key === 'inherits') continue;
    const before = into.get(key);
    into.set(key, isMap(before) && isMap(value) ? { ...before, ...value } : value);
  }
}

function asWritten(value: Value | undefined): Written | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isUnresolved(value)) return value;
  return { unresolved: JSON.stringify(value) };
}

function stringMap(value: Value | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isMap(value)) return out;
  for (const [key, item] of Object.entries(value)) {
    const written = asWritten(item);
    if (written !== undefined) out[key] = writtenText(written);
  }
  return out;
}

/** Bake reads a directory's files in this order; later files override earlier ones. */
function fileOrder(file: string): number {
  const name = basename(file).toLowerCase();
  return (name.includes('.override.') ? 2 : 0) + (name.endsWith('.hcl') ? 1 : 0);
}

/** The builds declared by bake files (any number, grouped by directory). */
export function bakeBuilds(files: readonly string[]): DeclaredBuilds {
  const found: DeclaredBuilds = { builds: [], notes: [] };
  const byDirectory = new Map<string, string[]>();
  for (const file of files) byDirectory.set(dirname(file), [...(byDirectory.get(dirname(file)) ?? []), file]);
  for (const [dir, group] of byDirectory) {
    const definition = new Definition();
    for (const file of [...group].sort((a, b) => fileOrder(a) - fileOrder(b) || (a < b ? -1 : 1))) {
      const body = readBody(file, found.notes);
      if (body) definition.add(body, file);
    }
    const bases = definition.baseTargets();
    for (const [name, definitions] of definition.targets) {
      if (bases.has(name)) continue;
      const attributes = definition.resolvedTarget(name);
      if (!attributes) continue;
      const first = definitions[0]!;
      const build = targetBuild(dir, name, first, attributes, found.notes);
      if (build) found.builds.push(build);
    }
  }
  return found;
}

function readBody(file: string, notes: ProjectNote[]): HclBody | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    notes.push({ file, message: `cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'}): its builds are not known` });
    return undefined;
  }
  try {
    return file.toLowerCase().endsWith('.json') ? jsonBody(JSON.parse(text)) : parseHcl(text);
  } catch (error) {
    const where = error instanceof HclSyntaxError ? `line ${error.line}: ` : '';
    notes.push({ file, message: `${where}cannot parse (${(error as Error).message}): its builds are not known` });
    return undefined;
  }
}

function targetBuild(dir: string, name: string, definition: TargetDefinition, attributes: Map<string, Value>, notes: ProjectNote[]): Build | undefined {
  const source = { kind: 'bake' as const, file: definition.file, name, ...(definition.line > 0 && { line: definition.line }) };
  const contextWritten = asWritten(attributes.get('context')) ?? '.';
  if (typeof contextWritten === 'string' && isRemoteContext(contextWritten)) {
    notes.push({ file: definition.file, message: `target ${name}: remote build context ${contextWritten}: not checked here` });
    return undefined;
  }
  const context = joinWritten(dir, contextWritten);
  const target = asWritten(attributes.get('target'));
  const common = {
    context,
    ...(target !== undefined && { target }),
    args: stringMap(attributes.get('args')),
    additionalContexts: stringMap(attributes.get('contexts')),
    source,
  };
  const inline = asWritten(attributes.get('dockerfile-inline'));
  if (typeof inline === 'string') return { dockerfile: `${definition.file} (target ${name} dockerfile-inline)`, inline, ...common };
  const dockerfile = joinWritten(context, asWritten(attributes.get('dockerfile')) ?? 'Dockerfile');
  if (isUnresolved(dockerfile)) {
    notes.push({ file: definition.file, message: `target ${name}: Dockerfile ${dockerfile.unresolved} is not resolved (functions and operators are not evaluated)` });
    return undefined;
  }
  return { dockerfile, ...common };
}
