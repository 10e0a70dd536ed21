import { manifestInventory } from '../inventory.js';
import type { FileAnalyzer } from '../types.js';

/** An installed Ruby gem, from the gemspec RubyGems writes under `specifications/`. */
export interface Gem {
  name: string;
  version: string;
  licenses?: string[];
}

const GEMSPEC = /(?:^|\/)specifications\/(?:default\/)?[^/]+\.gemspec$/;

/** A string literal of Ruby code, `"x"` or `'x'`, with `.freeze` allowed after it. */
const RUBY_STRING = String.raw`["']([^"'\n]{1,200})["'](?:\.freeze)?`;
const ASSIGNMENT = new RegExp(String.raw`^\s*\w+\.(name|version)\s*=\s*(?:Gem::Version\.new\()?${RUBY_STRING}`);
const LICENSES = /^\s*\w+\.licenses?\s*=\s*\[?([^\]\n]*)\]?/;

/**
 * Reads the assignments RubyGems writes into an installed gemspec (`s.name = "rake".freeze`); the file is
 * Ruby, but an installed one is generated and never computes these values.
 */
export function parseGemspec(text: string): Gem | undefined {
  let name: string | undefined;
  let version: string | undefined;
  let licenses: string[] | undefined;
  for (const line of text.split('\n')) {
    const assignment = ASSIGNMENT.exec(line);
    if (assignment) {
      if (assignment[1] === 'name') name ??= assignment[2];
      else version ??= assignment[2];
      continue;
    }
    const license = LICENSES.exec(line);
    if (license && !licenses) {
      licenses = [...license[1]!.matchAll(new RegExp(RUBY_STRING, 'g'))].map((match) => match[1]!);
    }
  }
  if (!name || !version) return undefined;
  return licenses?.length ? { name, version, licenses } : { name, version };
}

export const gemAnalyzer: FileAnalyzer<Gem> = {
  name: 'gem',
  version: 1,
  description: 'Ruby gems: the gemspecs under specifications/ (and specifications/default/)',
  maxFileBytes: 256 * 1024,
  wants(path, entry) {
    return entry.kind === 'file' && GEMSPEC.test(path);
  },
  analyze({ content }) {
    return parseGemspec(content.toString('utf8'));
  },
  inventory(facts) {
    return manifestInventory(facts, (gem, layer, path) => ({
      type: 'gem',
      name: gem.name,
      version: gem.version,
      layer,
      path,
      ...(gem.licenses ? { licenses: gem.licenses } : {}),
    }));
  },
};
