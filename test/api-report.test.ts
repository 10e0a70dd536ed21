import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import ts from 'typescript';
import { apiReport } from '../scripts/api-report.js';

const dir = mkdtempSync(join(tmpdir(), 'shipshape-api-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true };

function reportOf(files: Record<string, string>): string {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return apiReport(join(dir, 'index.ts'), options, dir);
}

const sections = (report: string) => {
  const blocks = [...report.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!.trimEnd());
  return { exports: blocks[0], reached: blocks[1] };
};

test('exports as declarations: no bodies or defaults, inferred types written out, private members left out', () => {
  const report = reportOf({
    'lib.ts': [
      'interface Hidden { depth: number }',
      'export interface Options { limit?: number; hidden?: Hidden }',
      '/** Doc comments are not part of the surface. */',
      'export async function run(text: string, options: Options = {}) { return { text, count: options.limit ?? 0 }; }',
      'export class Box { private secret = 1; #other = 2; constructor(readonly size: number, private readonly scale = 1) {} area() { return this.size * this.size; } }',
      'export const LIMIT = 3;',
      'export function internal() {}',
    ].join('\n'),
    'index.ts': "export { run, Box, LIMIT as DEFAULT_LIMIT, type Options } from './lib.js';\n",
  });
  const { exports, reached } = sections(report);
  assert.equal(
    exports,
    [
      'class Box {',
      '    constructor(readonly size: number, scale?: number);',
      '    area(): number;',
      '}',
      '',
      '// exported as DEFAULT_LIMIT',
      'const LIMIT: 3;',
      '',
      'interface Options {',
      '    limit?: number;',
      '    hidden?: Hidden;',
      '}',
      '',
      'function run(text: string, options?: Options): Promise<{ text: string; count: number; }>;',
    ].join('\n'),
  );
  assert.equal(reached, 'interface Hidden {\n    depth: number;\n}');
  assert.doesNotMatch(report, /internal|secret|other|Doc comments/);
});

test('a type reached through another is listed once; two reached types of one name say where each is from', () => {
  const report = reportOf({
    'a.ts': 'export interface Item { b: Item2 }\ninterface Item2 { name: string }\n',
    'b.ts': 'export interface Item { n: number }\n',
    'lib.ts': [
      "import type { Item as A } from './a.js';",
      "import type { Item as B } from './b.js';",
      'export interface Pair { a: A; b: B; again: A }',
      'export type Pairs = Pair[];',
    ].join('\n'),
    'index.ts': "export type { Pair, Pairs } from './lib.js';\n",
  });
  const { exports, reached } = sections(report);
  assert.equal(exports, 'interface Pair {\n    a: A;\n    b: B;\n    again: A;\n}\n\ntype Pairs = Pair[];');
  assert.equal(
    reached,
    ['// a.ts', 'interface Item {', '    b: Item2;', '}', '', '// b.ts', 'interface Item {', '    n: number;', '}', '', 'interface Item2 {', '    name: string;', '}'].join('\n'),
  );
});

test('a change to a reached type changes the report, as a change to an export does', () => {
  const files = {
    'lib.ts': 'interface Shape { side: number }\nexport function area(shape: Shape): number { return shape.side ** 2; }\n',
    'index.ts': "export { area } from './lib.js';\n",
  };
  const before = reportOf(files);
  assert.equal(reportOf(files), before);
  assert.notEqual(reportOf({ ...files, 'lib.ts': files['lib.ts'].replace('side: number', 'side: bigint') }), before);
  assert.notEqual(reportOf({ ...files, 'index.ts': "export { area as areaOf } from './lib.js';\n" }), before);
});

test('members tagged @internal are left out, and so are the types only they use', () => {
  const report = reportOf({
    'lib.ts': [
      'interface Plugin { name: string }',
      'export interface Options {',
      '  depth?: number;',
      '  /** For tests only. @internal */',
      '  plugins?: Plugin[];',
      '}',
      'export function run(options: Options): void { void options; }',
    ].join('\n'),
    'index.ts': "export { run, type Options } from './lib.js';\n",
  });
  const { exports, reached } = sections(report);
  assert.equal(exports, 'interface Options {\n    depth?: number;\n}\n\nfunction run(options: Options): void;');
  assert.equal(reached, '');
});
