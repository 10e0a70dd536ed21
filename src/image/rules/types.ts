import type { FactAt } from '../../analyzers/types.js';
import { ruleDefiner, type Rule } from '../../core/rule.js';
import type { FileTree } from '../filetree.js';
import type { HistoryRow, Instruction } from '../history.js';
import type { ImageConfigSummary, ImagePackage, ImageSummary } from '../report-types.js';
import type { ImageConfig } from '../types.js';
import type { ArchiveProblem } from '../walk.js';

/** A layer as rules see it. `index` is 0-based here; findings show it 1-based. */
export interface LayerInfo {
  index: number;
  diffId: string;
  createdBy: string;
  instruction: string;
  problems: ArchiveProblem[];
}

export type { FactAt };

/** A history row with its instruction recovered. */
export interface HistoryLine extends HistoryRow {
  instruction: Instruction;
}

export interface ImageFacts {
  ref: string;
  config: ImageConfig;
  runtime: ImageConfigSummary;
  layers: LayerInfo[];
  history: HistoryLine[];
  tree: FileTree;
  /** Installed packages; `layerIndex` 1-based as in the report. */
  packages: ImagePackage[];
  size: ImageSummary['size'];
  facts<T>(analyzer: string): FactAt<T>[];
}

/** Where an image finding is: a layer, a path in it, the bytes it costs there; all optional. */
export interface ImagePlace {
  /** 0-based layer. */
  layer?: number;
  /** Path relative to the root, as the tree keeps it. */
  path?: string;
  bytes?: number;
  /** When the instruction is not the layer's (ENV in history rows that made no layer). */
  instruction?: string;
  /** The ARG or ENV name the finding is about. */
  variable?: string;
  /** Other places that take part: 0-based layers and tree paths, as above. */
  related?: { layer?: number; path?: string; message: string }[];
}

export interface ImageDomain {
  facts: ImageFacts;
  /** Image rules read the facts at the end; there is nothing to visit. */
  visitors: object;
  where: ImagePlace;
  /** A small image, built by the rule tester into a real image layout and read as the CLI reads any image. */
  example: { image: ExampleImage };
  /** The 1-based layer, the absolute path and the variable a finding names, as its location does. */
  at: { layer?: number; path?: string; variable?: string };
}

/** A file of an example layer: its text, or a size of filler bytes, and its mode (octal, `0o4755` for setuid). */
export type ExampleFile = string | { content?: string; size?: number; mode?: number };

export interface ExampleLayer {
  /** The instruction, as the history shows it after `/bin/sh -c` (`RUN apt-get update`, `COPY . /app`). */
  createdBy: string;
  /** The layer's files by absolute path; none for a history row that makes no layer (ENV, USER…). */
  files?: Record<string, ExampleFile>;
}

export interface ExampleImage {
  layers: ExampleLayer[];
  /** The image config's runtime part: `User`, `Env`, `Cmd`… */
  config?: ImageConfig['config'];
}

export type ImageRule = Rule<ImageDomain>;
export type ImageRuleMeta = ImageRule['meta'];
export type ImageExample = ImageRuleMeta['examples']['valid'][number];

export const defineImageRule = ruleDefiner<ImageDomain>();

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
