// YAML files a project declares builds in (compose files, workflows), read with line numbers; a file that is not
// valid YAML is a note, not the end of the run.

import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { ProjectNote } from './types.js';

let loadedYaml: typeof Yaml | undefined;
const yaml = (): typeof Yaml => (loadedYaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml);

export function loadYaml(text: string, file: string): { doc: Yaml.Document; lineCounter: Yaml.LineCounter } | { note: ProjectNote } {
  const lineCounter = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, merge: true });
  const error = doc.errors[0];
  if (error) {
    const line = lineCounter.linePos(error.pos[0]).line;
    return { note: { file, message: `line ${line}: invalid YAML (${error.message.split('\n')[0]}): its builds are not known` } };
  }
  return { doc, lineCounter };
}

/** The document as plain values; a document whose aliases expand beyond reason is a note. */
export function plainDocument(doc: Yaml.Document, file: string): { data: unknown } | { note: ProjectNote } {
  try {
    return { data: doc.toJS({ maxAliasCount: 10_000 }) as unknown };
  } catch (error) {
    return { note: { file, message: `cannot expand (${(error as Error).message}): its builds are not known` } };
  }
}
