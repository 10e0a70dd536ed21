// The image domain of the rule contract (src/core/rule.ts): its facts are what the pipeline learnt about one
// image (config, layers, history, file tree, packages, analyzer facts), rules read them at the end, and a problem
// is a place in the image (a layer, a path, the bytes it costs).
import { ruleDefiner, type Rule } from '../core/rule.js';
import type { ImageFacts } from './facts.js';

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
  /** Image rules have no examples yet: an example image is made of layers, which the docs cannot show as text. */
  example: { image: never };
}

export type ImageRule = Rule<ImageDomain>;

export const defineImageRule = ruleDefiner<ImageDomain>();
