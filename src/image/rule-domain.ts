// The image domain of the rule contract (src/core/rule.ts): its facts are what the pipeline learnt about one
// image (config, layers, history, file tree, packages, analyzer facts), rules read them at the end, and a problem
// is a place in the image (a layer, a path, the bytes it costs).
import { ruleDefiner, type Rule } from '../core/rule.js';
import type { ImageFacts } from './facts.js';
import type { ImageConfig } from './types.js';

export type { FactAt, HistoryLine, ImageFacts, LayerInfo } from './facts.js';

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
