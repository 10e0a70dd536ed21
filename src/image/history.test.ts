import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alignHistory, parseCreatedBy } from './history.js';

test('history entries pair with layers, skipping empty_layer entries', () => {
  const rows = alignHistory(
    {
      history: [
        { created_by: '/bin/sh -c #(nop) ADD file:1 in / ' },
        { created_by: '/bin/sh -c #(nop)  CMD ["bash"]', empty_layer: true },
        { created_by: '/bin/sh -c apt-get update' },
        { created_by: 'ENV A=b', empty_layer: true },
      ],
    },
    2,
  );
  assert.deepEqual(rows.map((r) => [r.historyIndex, r.layerIndex]), [[0, 0], [1, undefined], [2, 1], [3, undefined]]);
});

test('layers the history does not account for still get rows; surplus entries become layer-less', () => {
  assert.deepEqual(alignHistory({ history: [{ created_by: 'a' }] }, 3).map((r) => r.layerIndex), [0, 1, 2]);
  const surplus = alignHistory({ history: [{ created_by: 'a' }, { created_by: 'b' }] }, 1);
  assert.deepEqual(surplus.map((r) => [r.layerIndex, r.entry.empty_layer]), [[0, undefined], [undefined, true]]);
});

test('created_by is turned back into the Dockerfile instruction, whichever builder wrote it', () => {
  const cases: [string, string, Record<string, string>][] = [
    ['/bin/sh -c #(nop) COPY file:abc in /app ', 'COPY file:abc in /app', {}],
    ['/bin/sh -c #(nop)  CMD ["node" "server.js"]', 'CMD ["node" "server.js"]', {}],
    ['/bin/sh -c apt-get update && apt-get install -y curl', 'RUN apt-get update && apt-get install -y curl', {}],
    ['|2 A=1 B=2 /bin/sh -c apt-get install -y x', 'RUN apt-get install -y x', { A: '1', B: '2' }],
    ['|1 NOTE=two words /bin/sh -c echo hi', 'RUN echo hi', { NOTE: 'two words' }],
    ['RUN /bin/sh -c apt-get update # buildkit', 'RUN apt-get update', {}],
    ['RUN |2 A=1 B=2 /bin/sh -c make # buildkit', 'RUN make', { A: '1', B: '2' }],
    ['RUN /bin/bash -o pipefail -c curl -fsS x | sh # buildkit', 'RUN curl -fsS x | sh', {}],
    ['COPY --from=build /out /app # buildkit', 'COPY --from=build /out /app', {}],
    ['ENV NODE_ENV=production', 'ENV NODE_ENV=production', {}],
    ['EXPOSE map[8080/tcp:{}]', 'EXPOSE map[8080/tcp:{}]', {}],
  ];
  for (const [createdBy, text, buildArgs] of cases) {
    const instruction = parseCreatedBy(createdBy);
    assert.equal(instruction.text, text, createdBy);
    assert.deepEqual(instruction.buildArgs, buildArgs, createdBy);
    assert.equal(instruction.keyword, text.split(' ')[0], createdBy);
  }
});

test('created_by that names no instruction is kept as it is', () => {
  assert.deepEqual(parseCreatedBy('Imported from -'), { keyword: undefined, text: 'Imported from -', buildArgs: {} });
  assert.deepEqual(parseCreatedBy(undefined), { keyword: undefined, text: '', buildArgs: {} });
});
