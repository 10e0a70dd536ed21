// End-of-life dates of operating systems and language runtimes, in endoflife.date's product format. The copy
// `db update` fetched, if any, is preferred per product; otherwise the snapshot shipped with shipshape.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EOL_SNAPSHOT, EOL_SNAPSHOT_DATE } from './eol-snapshot.js';

/** One release cycle as endoflife.date lists it; dates are `YYYY-MM-DD`, `true`/`false` where no date is known. */
export interface EolCycle {
  cycle: string;
  releaseDate?: string;
  eol: string | boolean;
  support?: string | boolean;
  extendedSupport?: string | boolean;
  lts?: boolean | string;
  codename?: string;
  latest?: string;
}

/** The endoflife.date products kept: the OS releases and runtimes an image carries. */
export const EOL_PRODUCTS = ['debian', 'ubuntu', 'alpine', 'nodejs', 'python', 'go', 'eclipse-temurin', 'ruby', 'php'] as const;

export interface EolProductData {
  cycles: EolCycle[];
  fetchedAt: string;
  url?: string;
  etag?: string;
  lastModified?: string;
}

export interface EolFile {
  products: Record<string, EolProductData>;
}

export function eolFile(dir: string): string {
  return join(dir, 'eol.json');
}

export function readEolFile(dir: string): EolFile {
  try {
    const value = JSON.parse(readFileSync(eolFile(dir), 'utf8')) as EolFile;
    if (value && typeof value.products === 'object' && value.products !== null) return value;
  } catch {
    // No update yet, or a damaged file: the snapshot answers.
  }
  return { products: {} };
}

/** Checks endoflife.date's product shape; returns the cycles or a reason. */
export function parseEolCycles(value: unknown): EolCycle[] | string {
  if (!Array.isArray(value)) return 'not a list of release cycles';
  for (const cycle of value as unknown[]) {
    if (typeof cycle !== 'object' || cycle === null) return 'a cycle is not an object';
    const entry = cycle as Record<string, unknown>;
    if (typeof entry.cycle !== 'string' && typeof entry.cycle !== 'number') return 'a cycle has no "cycle"';
    if (typeof entry.eol !== 'string' && typeof entry.eol !== 'boolean') return `cycle ${String(entry.cycle)} has no "eol"`;
  }
  return (value as EolCycle[]).map((cycle) => ({ ...cycle, cycle: String(cycle.cycle) }));
}

export interface EolData {
  cycles: EolCycle[];
  /** Where the dates come from: the snapshot's date, or when `db update` fetched them. */
  asOf: string;
  source: 'snapshot' | 'update';
}

/** A product's cycles: those `db update` stored, else the shipped snapshot's. */
export function eolProduct(dir: string, product: string): EolData | undefined {
  const products = readEolFile(dir).products;
  const stored = Object.hasOwn(products, product) ? products[product] : undefined;
  if (stored) return { cycles: stored.cycles, asOf: stored.fetchedAt, source: 'update' };
  const snapshot = Object.hasOwn(EOL_SNAPSHOT, product) ? EOL_SNAPSHOT[product] : undefined;
  return snapshot ? { cycles: snapshot, asOf: EOL_SNAPSHOT_DATE, source: 'snapshot' } : undefined;
}

/** The cycle a version belongs to: the longest cycle name that is the version or a dotted prefix of it. */
export function eolCycleOf(cycles: readonly EolCycle[], version: string): EolCycle | undefined {
  let best: EolCycle | undefined;
  for (const cycle of cycles) {
    if (version === cycle.cycle || version.startsWith(`${cycle.cycle}.`)) {
      if (!best || cycle.cycle.length > best.cycle.length) best = cycle;
    }
  }
  return best;
}
