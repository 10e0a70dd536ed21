import type { Severity } from './severity.js';

/** A place in a text file. Lines and columns are 1-based; the end column is exclusive. */
export interface FileLocation {
  file: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

/** A place in a built image: the layer (by diffID) and, where known, the path and the instruction that made it. */
export interface ImageLocation {
  image: string;
  layer?: string;
  layerIndex?: number;
  path?: string;
  instruction?: string;
  /** The Dockerfile line of that instruction, when the image was checked with its Dockerfile. */
  dockerfile?: { file: string; line: number };
  /** The ARG or ENV name a finding is about (a secret in the history), so tools need not read it from the message. */
  variable?: string;
}

export type Location = FileLocation | ImageLocation;

export function isImageLocation(location: Location): location is ImageLocation {
  return 'image' in location;
}

/** One text replacement: `range` is a pair of UTF-16 offsets into the file's text, end exclusive. */
export interface Edit {
  range: readonly [number, number];
  text: string;
}

/**
 * `safe` fixes keep the meaning of the file and are applied by `shipshape fix`;
 * `unsafe` ones may change behaviour and need `--unsafe`.
 */
export type FixKind = 'safe' | 'unsafe';

export interface Fix {
  kind: FixKind;
  description: string;
  edits: Edit[];
  /** The file the edits apply to, when it is not the file the finding is in (e.g. `.dockerignore`). */
  file?: string;
}

/** What a problem costs, wherever it can be measured. */
export interface Cost {
  /** Bytes in an image layer or in the build context. */
  bytes?: number;
  /** Layers rebuilt when a source file changes. */
  layers?: number;
  /** The image layer (diffID) that holds the bytes. */
  layer?: string;
  /** 1-based index of that layer in the image, for people. */
  layerIndex?: number;
}

/** Another place that takes part in a finding: the layer that deletes what this one ships, each file of a group. */
export interface RelatedLocation {
  location: Location;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Which of the rule's messages this is (`lists`, `archives`): stable where the text is not. */
  messageId?: string;
  location: Location;
  /** Codes of other tools' equivalent checks (hadolint `DLxxxx`). */
  aliases?: string[];
  fix?: Fix;
  cost?: Cost;
  related?: RelatedLocation[];
}
