// The fixes of the rules that read RUN scripts, applied together as `shipshape fix` applies them: several
// rules edit the same RUN (a flag after `install`, a clean-up command at the end), and the result must be
// the one a person would write, stable when fixed again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fix } from '../src/dockerfile/lint.js';
import { dockerfileRules } from '../src/dockerfile/rules/index.js';

const SHELL_RULES = new Set([
  'dockerfile/clean-apt-lists',
  'dockerfile/clean-package-cache',
  'dockerfile/no-dev-dependencies',
  'dockerfile/no-lone-apt-update',
  'dockerfile/use-apk-no-cache',
  'dockerfile/use-apt-get-yes',
  'dockerfile/use-no-install-recommends',
  'dockerfile/use-pip-no-cache-dir',
]);
const rules = dockerfileRules.filter((rule) => SHELL_RULES.has(rule.meta.id));

function fixed(text: string): string {
  const once = fix(text, { rules, unsafe: true });
  const twice = fix(once.text, { rules, unsafe: true });
  assert.equal(twice.text, once.text, 'a second fix changes nothing');
  return once.text;
}

test('apt: -y, --no-install-recommends and the lists removal on one command', () => {
  assert.equal(
    fixed('FROM debian:12\nRUN apt-get update && apt-get install curl\n'),
    'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*\n',
  );
});

test('a flag after the last word and a command appended at the end do not interleave', () => {
  assert.equal(fixed('FROM node:20\nRUN npm ci\n'), 'FROM node:20\nRUN npm ci --omit=dev && npm cache clean --force\n');
  assert.equal(fixed('FROM node:20\nRUN yarn\n'), 'FROM node:20\nRUN yarn --production && yarn cache clean\n');
});

test('a lone update merged into the next install, which then gets the other fixes', () => {
  assert.equal(
    fixed('FROM debian:12\nRUN apt-get update\nRUN apt-get install -y \\\n    curl\n'),
    'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends -y \\\n    curl && \\\n    rm -rf /var/lib/apt/lists/*\n',
  );
});

test('apk and pip in one RUN', () => {
  assert.equal(
    fixed('FROM python:3.12-alpine\nRUN apk update && apk add gcc && pip install -r requirements.txt\n'),
    'FROM python:3.12-alpine\nRUN apk add --no-cache gcc && pip install --no-cache-dir -r requirements.txt\n',
  );
});
