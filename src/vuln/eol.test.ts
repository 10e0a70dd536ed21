import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { EOL_PRODUCTS, eolCycleOf, eolFile, eolProduct, parseEolCycles } from './eol.js';
import { EOL_SNAPSHOT, EOL_SNAPSHOT_DATE } from './eol-snapshot.js';

test('the shipped snapshot covers every product, in the format an update stores', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-eol-'));
  for (const product of EOL_PRODUCTS) {
    const data = eolProduct(dir, product);
    assert.equal(data?.source, 'snapshot', product);
    assert.equal(data.asOf, EOL_SNAPSHOT_DATE);
    assert.deepEqual(parseEolCycles(EOL_SNAPSHOT[product]), EOL_SNAPSHOT[product], product);
    for (const cycle of data.cycles) {
      for (const date of [cycle.eol, cycle.releaseDate, cycle.support, cycle.extendedSupport]) {
        if (typeof date === 'string') assert.match(date, /^\d{4}-\d{2}-\d{2}$/, `${product} ${cycle.cycle}`);
      }
    }
  }
  assert.equal(eolProduct(dir, 'toString'), undefined);
});

test('a version finds its cycle by the longest dotted prefix', () => {
  const cycles = EOL_SNAPSHOT.python!;
  assert.equal(eolCycleOf(cycles, '3.12.4')?.cycle, '3.12');
  assert.equal(eolCycleOf(cycles, '3.1')?.cycle, undefined);
  // endoflife.date's meanings: Debian's `eol` is the end of the security team's support, LTS after it is `extendedSupport`.
  assert.equal(eolCycleOf(EOL_SNAPSHOT.debian!, '12.7')?.eol, '2026-07-11');
  assert.equal(eolCycleOf(EOL_SNAPSHOT.debian!, '12.7')?.extendedSupport, '2028-06-30');
  assert.equal(eolCycleOf(EOL_SNAPSHOT.nodejs!, '20.11.1')?.eol, '2026-04-30');
  assert.equal(eolCycleOf(EOL_SNAPSHOT.nodejs!, '200.1'), undefined);
});

test('endoflife.date lists are checked before they are kept', () => {
  assert.deepEqual(parseEolCycles([{ cycle: 12, eol: false }]), [{ cycle: '12', eol: false }]);
  assert.equal(parseEolCycles({}), 'not a list of release cycles');
  assert.equal(parseEolCycles([null]), 'a cycle is not an object');
  assert.equal(parseEolCycles([{ eol: true }]), 'a cycle has no "cycle"');
  assert.equal(parseEolCycles([{ cycle: '1' }]), 'cycle 1 has no "eol"');
});

test('a damaged eol.json falls back to the snapshot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-eol-'));
  writeFileSync(eolFile(dir), '{oops');
  assert.equal(eolProduct(dir, 'debian')?.source, 'snapshot');
});
