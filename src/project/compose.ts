// The builds a compose file declares: each service's `build`, as a string (the context) or an object
// (`context`, `dockerfile`, `dockerfile_inline`, `target`, `args`, `additional_contexts`). Relative paths resolve
// against the compose file's directory, `dockerfile` against the context; variables are interpolated with their
// defaults and the `.env` file beside the compose file.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as Yaml from 'yaml';
import { interpolate, readDotenv, type Variables } from './interpolate.js';
import { isRemoteContext, joinWritten, writtenText, type Written } from './paths.js';
import { loadYaml, plainDocument } from './yaml.js';
import { isUnresolved, type Build, type ProjectNote } from './types.js';

export interface DeclaredBuilds {
  builds: Build[];
  notes: ProjectNote[];
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A compose mapping written as a map or as a `KEY=VALUE` list; values interpolated, unresolved ones kept as written. */
function keyValues(value: unknown, variables: Variables): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (key: string, raw: string | undefined) => {
    if (raw === undefined) {
      out[key] = '';
      return;
    }
    const resolved = interpolate(raw, variables);
    out[key] = typeof resolved === 'string' ? resolved : resolved.unresolved;
  };
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = asText(item);
      if (text === undefined) continue;
      const equals = text.indexOf('=');
      if (equals < 0) put(text, undefined);
      else put(text.slice(0, equals), text.slice(equals + 1));
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) put(key, item === null ? undefined : asText(item));
  }
  return out;
}

function lineOf(doc: Yaml.Document, lineCounter: Yaml.LineCounter, path: (string | number)[]): number | undefined {
  const node = doc.getIn(path, true) as Yaml.Node | undefined;
  const offset = node?.range?.[0];
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}

/** The builds of one compose file. */
export function composeBuilds(file: string): DeclaredBuilds {
  const found: DeclaredBuilds = { builds: [], notes: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    found.notes.push({ file, message: `cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'}): its builds are not known` });
    return found;
  }
  const loaded = loadYaml(text, file);
  if ('note' in loaded) {
    found.notes.push(loaded.note);
    return found;
  }
  const { doc, lineCounter } = loaded;
  const plain = plainDocument(doc, file);
  if ('note' in plain) {
    found.notes.push(plain.note);
    return found;
  }
  const data = plain.data;
  const services = (data as { services?: unknown } | null)?.services;
  if (!services || typeof services !== 'object') return found;
  const dir = dirname(file);
  const variables = readDotenv(join(dir, '.env'));
  const resolve = (raw: unknown): Written | undefined => {
    const text = asText(raw);
    return text === undefined ? undefined : interpolate(text, variables);
  };

  for (const [name, service] of Object.entries(services as Record<string, unknown>)) {
    const build = (service as { build?: unknown } | null)?.build;
    if (build === undefined || build === null) continue;
    const line = lineOf(doc, lineCounter, ['services', name, 'build']);
    const source = { kind: 'compose' as const, file, name, ...(line !== undefined && { line }) };
    const spec = typeof build === 'object' ? (build as Record<string, unknown>) : { context: build };
    const contextWritten = resolve(spec.context) ?? '.';
    if (typeof contextWritten === 'string' && isRemoteContext(contextWritten)) {
      found.notes.push({ file, message: `service ${name}: remote build context ${contextWritten}: not checked here` });
      continue;
    }
    const context = joinWritten(dir, contextWritten);
    const target = resolve(spec.target);
    const common = {
      context,
      ...(target !== undefined && { target }),
      args: keyValues(spec.args, variables),
      additionalContexts: keyValues(spec.additional_contexts, variables),
      source,
    };
    const inline = asText(spec.dockerfile_inline);
    if (inline !== undefined) {
      found.builds.push({ dockerfile: `${file} (service ${name} dockerfile_inline)`, inline, ...common });
      continue;
    }
    const dockerfile = joinWritten(context, resolve(spec.dockerfile) ?? 'Dockerfile');
    if (isUnresolved(dockerfile)) {
      found.notes.push({ file, message: `service ${name}: Dockerfile ${writtenText(dockerfile)} is not resolved (no value or default)` });
      continue;
    }
    found.builds.push({ dockerfile, ...common });
  }
  return found;
}
