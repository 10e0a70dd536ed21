import type { Instruction } from '../parse/index.js';
import { defineDockerfileRule } from '../rule-domain.js';
import { DOCKER_HUB, isScratch, parseImageRef, type ImageRef } from './util/image-ref.js';
import { expandAt, fromReferences, isTrigger, stageNamed } from './util/stages.js';

/**
 * Whether an image comes from an allowed place. A pattern is a registry host (`docker.io`, `ghcr.io`,
 * `my-company.com:5000`), `*.` followed by a domain for its subdomains, `*` for anything, or a host with a
 * path prefix (`ghcr.io/my-org`) to allow only part of a registry.
 */
export function isTrustedImage(ref: ImageRef, patterns: readonly string[]): boolean {
  return patterns.some((raw) => {
    const pattern = raw.trim().toLowerCase().replace(/\/+$/, '');
    if (pattern === '*') return true;
    const slash = pattern.indexOf('/');
    const host = normalizeHost(slash === -1 ? pattern : pattern.slice(0, slash));
    const hostMatches = host.startsWith('*.') ? ref.domain.endsWith(host.slice(1)) : ref.domain === host;
    if (!hostMatches) return false;
    if (slash === -1) return true;
    const prefix = pattern.slice(slash + 1);
    const repository = ref.repository.toLowerCase();
    return repository === prefix || repository.startsWith(`${prefix}/`);
  });
}

function normalizeHost(host: string): string {
  return host === 'hub.docker.com' || host === 'index.docker.io' || host === 'registry-1.docker.io' ? DOCKER_HUB : host;
}

export const useTrustedRegistry = defineDockerfileRule({
  meta: {
    id: 'dockerfile/use-trusted-registry',
    description: 'Pull images only from the configured registries',
    severity: 'warning',
    aliases: ['DL3026'],
    rationale:
      'Organisations mirror and scan the images they allow; a base pulled from anywhere else skips that review ' +
      'and may vanish or change without notice. The rule is off until `registries` is configured.',
    differences:
      "As hadolint (DL3026, `trustedRegistries`): an image without a registry is on Docker Hub (`docker.io`, also " +
      'matched by `hub.docker.com`), `*.example.com` allows subdomains and `*` everything; `scratch` and earlier ' +
      'stages are not images. Like hadolint it checks `COPY --from` and `RUN --mount=…,from=…` images too. ' +
      'shipshape also accepts a path prefix (`ghcr.io/my-org`) to allow part of a registry, expands build arguments ' +
      'first and skips references only known at build time. hadolint reports an error; shipshape a warning.',
    options: {
      registries: {
        description: 'Allowed registries: hosts (`docker.io`, `my.registry:5000`), `*.domain`, `*`, or `host/path` prefixes',
      },
    },
    messages: {
      untrusted: '`{image}` comes from `{registry}`, which is not an allowed registry ({allowed})',
    },
    examples: {
      valid: [
        { code: 'FROM debian:bookworm-slim\n', description: 'no registries configured: nothing is checked' },
        { code: 'FROM node:20-slim\nFROM gcr.io/distroless/nodejs20\n', options: { registries: ['docker.io', 'gcr.io'] } },
        { code: 'FROM eu.gcr.io/proj/base:1 AS base\nFROM base\n', options: { registries: ['*.gcr.io'] } },
      ],
      invalid: [
        { code: 'FROM quay.io/prometheus/busybox:latest\n', options: { registries: ['docker.io'] } },
        { code: 'FROM ubuntu:24.04\n', options: { registries: ['registry.example.com'] }, description: 'a bare name is on Docker Hub' },
        { code: 'FROM registry.example.com/base:1\nCOPY --from=ghcr.io/astral-sh/uv:0.4 /uv /bin/uv\n', options: { registries: ['registry.example.com'] } },
      ],
    },
  },
  defaultOptions: { registries: [] as readonly string[] },
  create(context) {
    const { dockerfile } = context.facts;
    const option = context.options.registries;
    const patterns = Array.isArray(option) ? option.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : [];
    if (patterns.length === 0) return {};
    const allowed = patterns.join(', ');
    const check = (value: string, at: Instruction, span: { start: number; end: number }): void => {
      const expanded = expandAt(dockerfile, value, at);
      if (expanded.unresolved.length > 0 || isScratch(expanded.value)) return;
      const ref = parseImageRef(expanded.value);
      if (!ref || isTrustedImage(ref, patterns)) return;
      context.report({ messageId: 'untrusted', data: { image: expanded.value, registry: ref.domain, allowed }, span });
    };
    const checkFromFlags = (instruction: Instruction): void => {
      if (isTrigger(dockerfile, instruction)) return;
      for (const reference of fromReferences(instruction)) {
        const bare = !/[/:@]/.test(reference.value);
        // Stage indexes and names are not images.
        if (bare && (/^\d+$/.test(reference.value) || stageNamed(dockerfile, reference.value.toLowerCase()) !== undefined)) continue;
        check(reference.value, instruction, reference.span);
      }
    };
    return {
      FROM(instruction) {
        const stage = dockerfile.stages[instruction.stageIndex];
        const word = instruction.args[0];
        if (stage && stage.from === instruction && !stage.baseStage && word) check(word.value, instruction, word.span);
      },
      COPY: checkFromFlags,
      RUN: checkFromFlags,
    };
  },
});
