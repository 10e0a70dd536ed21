// A Dockerfile and the image built from it, read together: each layer matched to the instruction that made it,
// and each Dockerfile finding priced with what the image measured in that instruction's layer.
import { posix } from 'node:path';
import { InputError } from './core/errors.js';
import { isImageLocation, type Cost, type Finding, type ImageLocation } from './core/finding.js';
import { formatBytesSI, plural } from './core/format.js';
import { summarize } from './core/report.js';
import type { MeasureScope } from './core/rule.js';
import type { Dockerfile, Instruction, Stage } from './dockerfile/parse/index.js';
import { parseCreatedBy } from './image/history.js';
import type { ImageLayerRow, ImageReport, LayerMapping } from './image/report-types.js';
import { allRuleMetas } from './rules.js';

/**
 * The stage the image was built to (the last one, unless `docker build --target` named another) and the stages it
 * is built on (`FROM build`), base first: the stages whose layers ship.
 */
export function shippedStages(dockerfile: Dockerfile, target: Stage | undefined = dockerfile.stages.at(-1)): Stage[] {
  const chain: Stage[] = [];
  for (let stage = target; stage; stage = stage.baseStage) chain.unshift(stage);
  return chain;
}

function stageName(stage: Stage): string {
  return stage.nameText ?? String(stage.index);
}

/** The stage `--target` names: by its `AS` name, as the builder compares it (case-insensitively), or by index. */
export function targetStage(dockerfile: Dockerfile, target: string): Stage {
  const wanted = target.toLowerCase();
  const stage = dockerfile.stages.find((s) => s.name === wanted) ?? (/^\d+$/.test(target) ? dockerfile.stages[Number(target)] : undefined);
  if (!stage) {
    const names = dockerfile.stages.map(stageName).join(', ');
    throw new InputError(`${dockerfile.file}: no stage ${JSON.stringify(target)} to map the image to (its stages: ${names})`);
  }
  return stage;
}

/** Instructions that make a layer; WORKDIR makes one under BuildKit and none under the classic builder or buildah. */
const LAYER_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

export interface LayerMatch {
  mapping: LayerMapping;
  /** 1-based layer index → the instruction that made it. */
  instructionOf: Map<number, Instruction>;
  /** The instruction → its 1-based layer index. */
  layerOf: Map<Instruction, number>;
  /** The stage the layers were mapped to. */
  target: Stage | undefined;
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();
const withoutTrailingSlash = (path: string): string => (path.length > 1 ? path.replace(/\/+$/, '') || '/' : path);
const short = (text: string): string => {
  const flat = squash(text);
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
};

/** Each WORKDIR of the shipped stages resolved to an absolute path, and the working directory at each instruction. */
function workdirs(dockerfile: Dockerfile, stages: readonly Stage[]): Map<Instruction, string> {
  const at = new Map<Instruction, string>();
  // The base image's own WORKDIR is not known from the Dockerfile; `/` is Docker's default.
  let current = '/';
  for (const stage of stages) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword === 'WORKDIR') {
        current = posix.resolve(current, dockerfile.expand(instruction.rest, instruction).value);
      }
      at.set(instruction, current);
    }
  }
  return at;
}

/** The forms a builder may record a word in: as written, with ARG/ENV expanded, and resolved against the WORKDIR. */
function pathForms(dockerfile: Dockerfile, instruction: Instruction, word: string, workdir: string | undefined): string[] {
  const expanded = dockerfile.expand(word, instruction).value;
  const forms = [word, expanded];
  if (workdir !== undefined) forms.push(posix.resolve(workdir, expanded));
  return forms.map(withoutTrailingSlash);
}

function sameRun(dockerfile: Dockerfile, instruction: Instruction, recorded: string): boolean {
  const command = squash(recorded);
  const flags = instruction.flags.map((flag) => dockerfile.text.slice(flag.span.start, flag.span.end)).join(' ');
  // buildah keeps RUN's flags (`--mount=…`) in front of the command; the classic builder and BuildKit drop them
  const written = [instruction.rest, flags ? `${flags} ${instruction.rest}` : ''].filter(Boolean).map(squash);
  if (written.includes(command)) return true;
  if (!instruction.json) return false;
  const args = instruction.args.map((word) => word.value);
  if (command === args.join(' ')) return true;
  try {
    const recordedArgs: unknown = JSON.parse(command);
    return Array.isArray(recordedArgs) && recordedArgs.join('\0') === args.join('\0');
  } catch {
    return false;
  }
}

// The classic builder and buildah record the sources by content hash: `COPY dir:3f2a… in /app`.
const HASHED_COPY = /^(?:(?:file|dir|multi):[0-9a-f]+|[a-z]+:\/\/\S+) in (.+)$/;

function sameCopy(dockerfile: Dockerfile, instruction: Instruction, recorded: string, workdir: string | undefined): boolean {
  const text = squash(recorded).replace(/^(?:--\S+ )*/, '');
  const destination = instruction.args.at(-1)?.value;
  if (destination === undefined) return false;
  const hashed = HASHED_COPY.exec(text);
  if (hashed) return pathForms(dockerfile, instruction, destination, workdir).includes(withoutTrailingSlash(hashed[1]!));
  // BuildKit records the sources and the destination as written
  const words = instruction.args.map((word) => word.value);
  return text === squash(words.join(' ')) || text === squash(dockerfile.expand(words.join(' '), instruction).value);
}

/** Whether a layer's recorded instruction is this Dockerfile instruction. */
function agrees(dockerfile: Dockerfile, instruction: Instruction, createdBy: string, workdir: string | undefined): boolean {
  const recorded = parseCreatedBy(createdBy);
  if (recorded.keyword !== instruction.keyword) return false;
  const rest = recorded.text.slice(recorded.keyword.length);
  switch (instruction.keyword) {
    case 'RUN':
      return sameRun(dockerfile, instruction, rest);
    case 'COPY':
    case 'ADD':
      return sameCopy(dockerfile, instruction, rest, workdir);
    case 'WORKDIR': {
      // BuildKit records the directory resolved against the WORKDIR before it
      const forms = [instruction.rest, dockerfile.expand(instruction.rest, instruction).value, workdir ?? ''].map(withoutTrailingSlash);
      return forms.includes(withoutTrailingSlash(squash(rest)));
    }
    default:
      return false;
  }
}

function lineText(dockerfile: Dockerfile, instruction: Instruction): string {
  return dockerfile.text.slice(instruction.span.start, instruction.span.end);
}

function layerText(row: ImageLayerRow): string {
  return row.instruction || row.createdBy || '(no history)';
}

/**
 * Matches the image's layers to the Dockerfile's instructions from the top layer down: the last RUN/COPY/ADD of
 * the shipped stages made the top layer, the one before it the layer below, and so on; a WORKDIR is matched when
 * the builder made a layer of it and skipped otherwise. Matching stops at the first layer that disagrees with its
 * instruction, so an image built from another Dockerfile maps nothing rather than something wrong. Layers left
 * below the first instruction once all are matched are the base image's.
 */
export function mapLayers(dockerfile: Dockerfile, layers: readonly ImageLayerRow[], target = dockerfile.stages.at(-1)): LayerMatch {
  const stages = shippedStages(dockerfile, target);
  const steps = stages.flatMap((stage) => stage.instructions).filter((i) => LAYER_KEYWORDS.has(i.keyword) || i.keyword === 'WORKDIR');
  const workdirAt = workdirs(dockerfile, stages);
  const rows = layers.filter((row) => row.index !== undefined);
  const instructionOf = new Map<number, Instruction>();
  const layerOf = new Map<Instruction, number>();
  const file = dockerfile.file;
  const instructions = steps.filter((step) => LAYER_KEYWORDS.has(step.keyword)).length;

  let next = rows.length - 1;
  let stopped: LayerMapping['stopped'] = 'complete';
  let reason = '';
  for (let s = steps.length - 1; s >= 0; s--) {
    const step = steps[s]!;
    const row = rows[next];
    if (!row) {
      if (step.keyword === 'WORKDIR') continue;
      stopped = 'image-ends';
      reason = `the image has no layer left for line ${step.line} (\`${short(lineText(dockerfile, step))}\`)`;
      break;
    }
    if (agrees(dockerfile, step, row.createdBy, workdirAt.get(step))) {
      instructionOf.set(row.index!, step);
      layerOf.set(step, row.index!);
      next--;
      continue;
    }
    if (step.keyword === 'WORKDIR') continue;
    stopped = 'mismatch';
    reason =
      `layer ${row.index} (\`${short(layerText(row))}\`) does not match line ${step.line} (\`${short(lineText(dockerfile, step))}\`)` +
      (instructionOf.size === 0
        ? ': the image was not built from this Dockerfile (or not from this version of it)'
        : `: layers ${row.index} and below are left unmapped`);
    break;
  }
  const mapping: LayerMapping = { dockerfile: file, mapped: instructionOf.size, instructions, stopped, reason };
  if (target && dockerfile.stages.length > 1) mapping.stage = stageName(target);
  if (stopped === 'complete') {
    const base = next + 1;
    mapping.baseLayers = base;
    const own = instructionOf.size === 0 ? 'the Dockerfile makes no layers of its own' : 'every RUN, COPY and ADD has its layer';
    mapping.reason = `${own}; ${base === 0 ? 'no layer is' : `${plural(base, 'layer')} below ${base === 1 ? 'is' : 'are'}`} the base image's`;
  }
  return { mapping, instructionOf, layerOf, target };
}

/**
 * The layers mapped to the stage the image was built to: `target` when given; else the stage whose instructions
 * account for the image's layers down to its base — the last stage when it does, an earlier one only when it maps
 * every one of its instructions and more layers than any other (an image built with `--target` and no word of it).
 */
export function mapBuiltStage(dockerfile: Dockerfile, layers: readonly ImageLayerRow[], target?: string): LayerMatch {
  if (target !== undefined) return mapLayers(dockerfile, layers, targetStage(dockerfile, target));
  const last = mapLayers(dockerfile, layers);
  if (last.mapping.stopped === 'complete') return last;
  let best: LayerMatch | undefined;
  for (const stage of dockerfile.stages.slice(0, -1)) {
    const match = mapLayers(dockerfile, layers, stage);
    if (match.mapping.stopped !== 'complete' || match.mapping.mapped === 0) continue;
    if (!best || match.mapping.mapped > best.mapping.mapped) best = match;
  }
  return best ?? last;
}

interface MeasuredBy {
  rule: string;
  imageRule: string;
  scope: MeasureScope;
  /** The image finding's path must match one of these. */
  paths?: readonly RegExp[];
  /** Only the Dockerfile findings with this message id (a rule with a message per cache). */
  messageId?: string;
}

interface ComputedFromLayers {
  rule: string;
  /** `rebuilt-layers`: the instruction's layer and every layer above it; `base-layers`: the base image's layers. */
  measure: 'rebuilt-layers' | 'base-layers';
}

export type Price = MeasuredBy | ComputedFromLayers;

let declared: readonly Price[] | undefined;

/**
 * Which image measurement prices which Dockerfile (or context) finding, as the rules declare it in `meta.links`:
 * an image rule says what it `measures`, a Dockerfile rule what the layers measure for it. An image finding that
 * prices one is not reported again; each prices at most one, in the order of the declarations.
 */
export function declaredPrices(): readonly Price[] {
  if (declared) return declared;
  const measured: Price[] = [];
  const computed: Price[] = [];
  for (const meta of allRuleMetas()) {
    for (const link of meta.links ?? []) {
      if ('measures' in link) {
        const { measures: rule, scope, paths, messageId } = link;
        measured.push({ rule, imageRule: meta.id, scope, ...(paths ? { paths } : {}), ...(messageId ? { messageId } : {}) });
      } else if ('measuredBy' in link) {
        computed.push({ rule: meta.id, measure: link.measuredBy });
      }
    }
  }
  declared = [...measured, ...computed];
  return declared;
}

/** The names an ARG or ENV declares. */
function declaredNames(instruction: Instruction): string[] {
  if (instruction.keyword === 'ENV') return instruction.pairs.map((pair) => pair.key);
  if (instruction.keyword === 'ARG') return instruction.args.map((word) => word.value.split('=')[0]!);
  return [];
}

function imageLocation(finding: Finding): ImageLocation | undefined {
  return isImageLocation(finding.location) ? finding.location : undefined;
}

function layerList(indexes: readonly number[]): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  return `${sorted.length === 1 ? 'layer' : 'layers'} ${sorted.join(', ')}`;
}

interface Pricing {
  dockerfile: Dockerfile;
  /** Indexes of the stages the image is built from. */
  shipped: Set<number>;
  image: ImageReport;
  match: LayerMatch;
  rows: Map<number, ImageLayerRow>;
  /** Image findings already attached to a Dockerfile finding. */
  claimed: Set<Finding>;
}

function instructionAt(dockerfile: Dockerfile, line: number): Instruction | undefined {
  return dockerfile.instructions.find((instruction) => instruction.line <= line && line <= instruction.endLine);
}

function measuredBy(price: MeasuredBy, instruction: Instruction, pricing: Pricing): Finding[] {
  const { image, match, claimed } = pricing;
  const layer = match.layerOf.get(instruction);
  const shipped = pricing.shipped.has(instruction.stageIndex);
  const candidates = image.findings.filter((candidate) => {
    const location = imageLocation(candidate);
    if (!location || candidate.ruleId !== price.imageRule || claimed.has(candidate)) return false;
    const path = location.path ?? '';
    if (price.paths && !price.paths.some((pattern) => pattern.test(path))) return false;
    switch (price.scope) {
      case 'layer':
        return layer !== undefined && location.layerIndex === layer;
      case 'rewritten-layer':
        return (
          layer !== undefined &&
          (location.layerIndex ?? layer) < layer &&
          (candidate.related ?? []).some((place) => isImageLocation(place.location) && place.location.layerIndex === layer)
        );
      case 'variable':
        return shipped && match.mapping.mapped > 0 && location.variable !== undefined && declaredNames(instruction).includes(location.variable);
      case 'image':
        return shipped && match.mapping.mapped > 0;
    }
  });
  // one measurement per cache path: the largest
  if (price.paths) return candidates.sort((a, b) => (b.cost?.bytes ?? 0) - (a.cost?.bytes ?? 0)).slice(0, 1);
  return candidates;
}

function priced(finding: Finding, measurements: readonly Finding[], pricing: Pricing): Finding {
  const bytes = measurements.reduce((sum, m) => sum + (m.cost?.bytes ?? 0), 0);
  const layers = measurements.map((m) => imageLocation(m)?.layerIndex).filter((index) => index !== undefined);
  if (bytes === 0) {
    return { ...finding, message: `${finding.message} — confirmed in the image${layers.length ? ` (${layerList(layers)})` : ''}` };
  }
  const cost: Cost = { ...finding.cost, bytes };
  const layerIndexes = [...new Set(layers)];
  if (layerIndexes.length === 1) {
    const row = pricing.rows.get(layerIndexes[0]!);
    if (row?.diffId) cost.layer = row.diffId;
    cost.layerIndex = layerIndexes[0]!;
  }
  return { ...finding, message: `${finding.message} — ${formatBytesSI(bytes)} in ${layerList(layers)}`, cost };
}

function computed(price: ComputedFromLayers, finding: Finding, instruction: Instruction, pricing: Pricing): Finding | undefined {
  const { match, rows } = pricing;
  const sizes = [...rows.values()];
  if (price.measure === 'rebuilt-layers') {
    const layer = match.layerOf.get(instruction);
    if (layer === undefined) return undefined;
    const rebuilt = sizes.filter((row) => row.index! >= layer);
    const bytes = rebuilt.reduce((sum, row) => sum + row.size, 0);
    const top = Math.max(...rebuilt.map((row) => row.index!));
    const span = top === layer ? `layer ${layer}` : `layers ${layer}–${top}`;
    return {
      ...finding,
      message: `${finding.message} — ${formatBytesSI(bytes)} in ${span} rebuilt on every source edit`,
      cost: { ...finding.cost, bytes, layers: rebuilt.length },
    };
  }
  const base = match.mapping.baseLayers;
  const root = pricing.dockerfile.stages[Math.min(...pricing.shipped)];
  if (!base || instruction !== root?.from) return undefined;
  const bytes = sizes.filter((row) => row.index! <= base).reduce((sum, row) => sum + row.size, 0);
  const { layers: _rebuilt, layer: _layer, layerIndex: _index, ...cost } = finding.cost ?? {};
  return {
    ...finding,
    message: `${finding.message} — the base image is ${formatBytesSI(bytes)} (${base === 1 ? 'layer 1' : `layers 1–${base}`})`,
    cost: { ...cost, bytes },
  };
}

function price(finding: Finding, pricing: Pricing): Finding {
  const location = finding.location;
  if (isImageLocation(location) || location.file !== pricing.dockerfile.file || location.line === undefined) return finding;
  const instruction = instructionAt(pricing.dockerfile, location.line);
  if (!instruction) return finding;
  for (const entry of declaredPrices()) {
    if (entry.rule !== finding.ruleId || ('messageId' in entry && entry.messageId !== undefined && entry.messageId !== finding.messageId)) continue;
    if ('measure' in entry) return computed(entry, finding, instruction, pricing) ?? finding;
    const measurements = measuredBy(entry, instruction, pricing);
    if (measurements.length === 0) continue;
    for (const measurement of measurements) pricing.claimed.add(measurement);
    return priced(finding, measurements, pricing);
  }
  return finding;
}

export interface ImageJoin {
  /** The Dockerfile and context findings, priced where the image measured them. */
  findings: Finding[];
  /** The image report: layer rows with their Dockerfile lines, the mapping, and the image findings not priced into a Dockerfile finding. */
  image: ImageReport;
}

/**
 * Joins an image to the Dockerfile it was built from: maps the layers, prices the Dockerfile's findings with the
 * image's measurements (see declaredPrices), and keeps the image findings that priced nothing, with their Dockerfile line
 * where their layer is mapped.
 */
export function joinImage(dockerfile: Dockerfile, findings: readonly Finding[], image: ImageReport, target?: string): ImageJoin {
  const match = mapBuiltStage(dockerfile, image.image.layers, target);
  const rows = new Map(image.image.layers.filter((row) => row.index !== undefined).map((row) => [row.index!, row]));
  const shipped = new Set(shippedStages(dockerfile, match.target).map((stage) => stage.index));
  const pricing: Pricing = { dockerfile, shipped, image, match, rows, claimed: new Set() };
  // a finding's rule order in the declarations decides who gets a shared measurement first
  const prices = declaredPrices();
  const order = (finding: Finding): number => {
    const at = prices.findIndex((entry) => entry.rule === finding.ruleId);
    return at < 0 ? prices.length : at;
  };
  const pricedFindings = new Map<Finding, Finding>();
  for (const finding of [...findings].sort((a, b) => order(a) - order(b))) pricedFindings.set(finding, price(finding, pricing));

  const lineOf = (layer: number | undefined) => {
    const instruction = layer === undefined ? undefined : match.instructionOf.get(layer);
    return instruction ? { file: dockerfile.file, line: instruction.line } : undefined;
  };
  const imageFindings = image.findings
    .filter((finding) => !pricing.claimed.has(finding))
    .map((finding) => {
      const location = imageLocation(finding)!;
      const dockerfileLine = lineOf(location.layerIndex);
      return dockerfileLine ? { ...finding, location: { ...location, dockerfile: dockerfileLine } } : finding;
    });
  const layers = image.image.layers.map((row) => {
    const dockerfileLine = lineOf(row.index);
    return dockerfileLine ? { ...row, dockerfile: dockerfileLine } : row;
  });
  return {
    findings: findings.map((finding) => pricedFindings.get(finding)!),
    image: {
      ...image,
      findings: imageFindings,
      summary: summarize(imageFindings),
      image: { ...image.image, layers, mapping: match.mapping },
    },
  };
}
