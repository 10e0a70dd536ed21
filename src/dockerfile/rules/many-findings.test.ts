// Rules that look across a stage, on a stage with thousands of findings: each finding still pairs with its own
// instructions and carries the fix it would carry alone. These rules work from facts computed once per stage
// (their growth is measured by bench/lint-growth.ts, not timed here); this checks the per-stage facts answer
// for every instruction, not only for the first or the last.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../core/finding.js';
import { lint } from '../lint.js';
import { noCopyAllBeforeInstall } from './no-copy-all-before-install.js';
import { noDevDependencies } from './no-dev-dependencies.js';
import { noEmptyContinuation } from './no-empty-continuation.js';
import { noLoneAptUpdate } from './no-lone-apt-update.js';
import { useCopyChown } from './use-copy-chown.js';

const UNITS = 2000;

function lines(finding: Finding): number {
  return 'line' in finding.location ? finding.location.line ?? -1 : -1;
}

test('use-copy-chown: each chown is paired with its own COPY, with a fix, in a stage of thousands', () => {
  const units = Array.from({ length: UNITS }, (_, i) => `COPY conf${i}.json /app/conf/\nRUN chown node:node /app/conf/conf${i}.json\nWORKDIR /srv/d${i}\nCOPY . .\nRUN chown -R node:node /srv/d${i}\n`);
  const { findings } = lint(`FROM node:20\nWORKDIR /app\n${units.join('')}RUN chown -R node:node /srv\n`, { rules: [useCopyChown] });
  assert.equal(findings.length, 2 * UNITS + 1);
  for (let i = 0; i < UNITS; i++) {
    const file = findings[2 * i]!;
    const directory = findings[2 * i + 1]!;
    assert.equal(lines(file), 4 + 5 * i);
    assert.match(file.message, new RegExp(`\`COPY conf${i}\\.json /app/conf/\` \\(line ${3 + 5 * i}\\)`));
    assert.ok(file.fix, `chown of conf${i}.json has a fix`);
    assert.match(directory.message, new RegExp(`\`COPY \\. \\.\` \\(line ${6 + 5 * i}\\)`));
    assert.ok(directory.fix, `chown of /srv/d${i} has a fix`);
  }
  // every COPY . . landed inside /srv: the last one is named, and with so many there is no exact fix
  const last = findings.at(-1)!;
  assert.match(last.message, new RegExp(`\\(line ${6 + 5 * (UNITS - 1)}\\)`));
  assert.equal(last.fix, undefined);
});

test('no-lone-apt-update: each lone update moves into the install after it, past RUNs that read no lists', () => {
  const units = Array.from({ length: UNITS }, (_, i) => `RUN apt-get update\nRUN echo ${i}\nENV STEP=${i}\nRUN apt-get install -y p${i}\n`);
  const { findings } = lint(`FROM debian:12\n${units.join('')}RUN apt-get update\nRUN echo end\n`, { rules: [noLoneAptUpdate] });
  assert.equal(findings.length, UNITS + 1);
  for (let i = 0; i < UNITS; i++) {
    const finding = findings[i]!;
    assert.equal(lines(finding), 2 + 4 * i);
    const edits = finding.fix?.edits ?? [];
    assert.equal(edits.length, 2, `update ${i} is moved`);
    assert.equal(edits[1]!.text, 'apt-get update && ');
  }
  assert.equal(findings.at(-1)!.fix, undefined, 'no install follows the last update');
});

test('no-dev-dependencies: a build anywhere later in the stage is seen from every install before it', () => {
  const units = Array.from({ length: UNITS }, (_, i) => `RUN npm install\nRUN echo ${i}\n`);
  const text = `FROM node:20\nCOPY . .\n${units.join('')}RUN npm run build\nRUN npm install\n`;
  const { findings } = lint(text, { rules: [noDevDependencies] });
  assert.equal(findings.length, UNITS + 1);
  for (const finding of findings.slice(0, UNITS)) {
    assert.match(finding.message, /move the build that needs them to a builder stage/);
    assert.equal(finding.fix, undefined);
  }
  assert.doesNotMatch(findings.at(-1)!.message, /builder stage/);
  assert.ok(findings.at(-1)!.fix, 'no build follows the last install: it is fixed');
});

test('no-copy-all-before-install: each broad copy is paired with the install after it and counts the layers to the stage end', () => {
  const units = Array.from({ length: UNITS }, (_, i) => `COPY . .\nENV STEP=${i}\nRUN npm ci\n`);
  const total = 2 + 3 * UNITS;
  const { findings } = lint(`FROM node:20\nWORKDIR /app\n${units.join('')}`, { rules: [noCopyAllBeforeInstall] });
  assert.equal(findings.length, UNITS);
  findings.forEach((finding, i) => {
    assert.equal(lines(finding), 3 + 3 * i);
    assert.deepEqual(finding.cost, { layers: total - (2 + 3 * i) });
    assert.equal(finding.fix?.edits.length, 2, `copy ${i} is reordered`);
  });
});

test('no-empty-continuation: each empty line is given to the instruction it sits in', () => {
  const units = Array.from({ length: UNITS }, (_, i) => `RUN echo ${i} \\\n\n    done\nLABEL n=${i}\n`);
  const { findings } = lint(`FROM debian:12\n${units.join('')}`, { rules: [noEmptyContinuation] });
  assert.equal(findings.length, UNITS);
  findings.forEach((finding, i) => {
    assert.equal(lines(finding), 3 + 4 * i);
    assert.match(finding.message, /continued RUN/);
  });
});
