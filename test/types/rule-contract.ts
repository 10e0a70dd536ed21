// Compile-time tests of the rule contract: `npm run typecheck` checks this file. Each `@ts-expect-error` line
// must fail to compile; if the contract stopped catching the mistake, tsc would report the unused directive.
import { defineContextRule } from '../../src/context/rule-domain.js';
import { defineDockerfileRule } from '../../src/dockerfile/rule-domain.js';
import { defineImageRule } from '../../src/image/rule-domain.js';

const meta = {
  description: 'A rule that exists to be misused',
  severity: 'warning' as const,
  rationale: 'Shows which mistakes do not compile.',
  examples: { valid: [{ code: 'FROM scratch\n' }], invalid: [{ code: 'FROM a\n' }] },
};

export const dockerfileRule = defineDockerfileRule({
  meta: {
    ...meta,
    id: 'dockerfile/type-test',
    messages: { plain: 'no placeholder', named: '`{image}` has no tag', two: '{keyword} at line {line}' },
    options: { limit: { description: 'How many' } },
  },
  defaultOptions: { limit: 3 },
  create(context) {
    const limit: number = context.options.limit;
    // @ts-expect-error an option the rule does not declare
    void context.options.limt;
    return {
      FROM(instruction) {
        const span = instruction.span;
        context.report({ messageId: 'plain', span });
        context.report({ messageId: 'named', data: { image: 'node' }, span });
        context.report({ messageId: 'two', data: { keyword: 'FROM', line: limit }, span });
        // @ts-expect-error a misspelt message id
        context.report({ messageId: 'nmaed', data: { image: 'node' }, span });
        // @ts-expect-error a placeholder left unfilled
        context.report({ messageId: 'named', span });
        // @ts-expect-error one of two placeholders left unfilled
        context.report({ messageId: 'two', data: { keyword: 'FROM' }, span });
        // @ts-expect-error data for a placeholder the message does not have
        context.report({ messageId: 'named', data: { image: 'node', tag: 'latest' }, span });
        // @ts-expect-error data for a message without placeholders
        context.report({ messageId: 'plain', data: { image: 'node' }, span });
        // @ts-expect-error a Dockerfile problem needs its span
        context.report({ messageId: 'plain' });
      },
    };
  },
});

// @ts-expect-error a rule with options must give their defaults in defaultOptions
export const missingDefaults = defineDockerfileRule({
  meta: { ...meta, id: 'dockerfile/type-test-defaults', messages: { plain: 'x' }, options: { limit: { description: 'How many' } } },
  create: () => ({}),
});

export const contextRule = defineContextRule({
  meta: {
    ...meta,
    id: 'context/type-test',
    messages: { big: '{path} is {size}' },
    examples: { valid: [{ files: { Dockerfile: 'FROM scratch\n' } }], invalid: [] },
  },
  create({ facts, report }) {
    return {
      end() {
        report({ messageId: 'big', data: { path: facts.root, size: 1 }, location: { file: facts.root } });
        // @ts-expect-error a context problem needs its location
        report({ messageId: 'big', data: { path: facts.root, size: 1 } });
        // @ts-expect-error a misspelt placeholder
        report({ messageId: 'big', data: { path: facts.root, sise: 1 }, location: { file: facts.root } });
      },
    };
  },
});

export const imageRule = defineImageRule({
  meta: { ...meta, id: 'image/type-test', messages: { layer: 'layer {index} is empty' }, examples: { valid: [], invalid: [] } },
  create({ facts, report }) {
    return {
      end() {
        facts.layers.forEach((_layer, index) => report({ messageId: 'layer', data: { index }, layer: index }));
        // @ts-expect-error an image problem has no span
        report({ messageId: 'layer', data: { index: 0 }, span: { start: 0, end: 1 } });
      },
    };
  },
});
