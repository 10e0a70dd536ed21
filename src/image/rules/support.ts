// Small helpers shared by the image rules.
import type { ImageFacts } from '../rule-domain.js';

export function numberOption(options: Record<string, unknown>, name: string, fallback: number): number {
  const value = options[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function stringListOption(options: Record<string, unknown>, name: string): string[] {
  const value = options[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A glob over absolute image paths: `*` within a name, `**` across directories, `?` one character. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  const pattern = glob.startsWith('/') ? glob.slice(1) : glob;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/** `layer 5 (RUN rm -rf /var/lib/apt/lists/*)`, the instruction cut to a readable length. */
export function describeLayer(facts: ImageFacts, layer: number): string {
  const instruction = facts.layers[layer]?.instruction ?? '';
  const short = instruction.length > 60 ? `${instruction.slice(0, 57)}…` : instruction;
  return short ? `layer ${layer + 1} (\`${short}\`)` : `layer ${layer + 1}`;
}
