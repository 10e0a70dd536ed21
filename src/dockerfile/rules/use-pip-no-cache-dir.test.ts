import { testRule } from '../../../test/support/rule-tester.js';
import { usePipNoCacheDir } from './use-pip-no-cache-dir.js';

testRule(usePipNoCacheDir, {
  valid: [
    'FROM python:3.12\nRUN PIP_NO_CACHE_DIR=1 pip install flask\n',
    'FROM python:3.12\nRUN env PIP_NO_CACHE_DIR=true pip install flask\n',
    'FROM python:3.12\nRUN export PIP_NO_CACHE_DIR=on && pip install flask\n',
    'FROM python:3.12\nRUN pip install flask && rm -rf /root/.cache/pip\n',
    'FROM python:3.12\nRUN pip install flask && rm -rf ~/.cache\n',
    'FROM python:3.12\nRUN pip install flask && pip cache purge\n',
    'FROM python:3.12\nRUN pip config set global.no-cache-dir true\nRUN pip install flask\n',
    'FROM python:3.12\nRUN --mount=type=cache,target=/home/app/.cache/pip pip install flask\n',
    'FROM python:3.12\nENV PIP_CACHE_DIR=/pip-cache\nRUN --mount=type=cache,target=/pip-cache pip install flask\n',
    'FROM python:3.12\nRUN pipx install black\n',
    'FROM python:3.12\nRUN pip uninstall -y flask\n',
    'FROM python:3.12\nRUN uv pip install --no-cache --system -r requirements.txt\n',
    'FROM python:3.12\nENV UV_NO_CACHE=1\nRUN uv sync --frozen\n',
    'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen\n',
    'FROM python:3.12 AS build\nRUN pip wheel -w /wheels -r requirements.txt\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\n',
  ],
  invalid: [
    {
      description: 'python -m pip',
      code: 'FROM python:3.12\nRUN python3 -m pip install --upgrade pip\n',
      output: 'FROM python:3.12\nRUN python3 -m pip install --no-cache-dir --upgrade pip\n',
      findings: [
        { messageId: 'missing', message: '`python3 -m pip install` keeps downloaded packages in ~/.cache/pip in this layer: add `--no-cache-dir`', line: 2, column: 5, endLine: 2, endColumn: 41 },
      ],
    },
    {
      description: 'uv keeps its own cache',
      code: 'FROM python:3.12\nRUN uv pip install --system -r requirements.txt && uv sync\n',
      output: 'FROM python:3.12\nRUN uv pip install --no-cache --system -r requirements.txt && uv sync --no-cache\n',
      findings: [
        { messageId: 'missing', message: '`uv pip install` keeps downloaded packages in ~/.cache/uv in this layer: add `--no-cache`', line: 2, column: 5, endLine: 2, endColumn: 48 },
        { messageId: 'missing', message: '`uv sync` keeps downloaded packages in ~/.cache/uv in this layer: add `--no-cache`', line: 2, column: 52, endLine: 2, endColumn: 59 },
      ],
    },
    { description: 'a falsy value', code: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=false\nRUN pip3 install flask\n', output: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=false\nRUN pip3 install --no-cache-dir flask\n', findings: [{ messageId: 'missing', line: 3, column: 5, endLine: 3, endColumn: 23 }] },
    { description: 'pip download', code: 'FROM python:3.12\nRUN pip download -d /pkgs flask\n', output: 'FROM python:3.12\nRUN pip download --no-cache-dir -d /pkgs flask\n', findings: [{ messageId: 'missing', line: 2, column: 5, endLine: 2, endColumn: 32 }] },
    { description: 'removing the cache before installing does not count', code: 'FROM python:3.12\nRUN rm -rf /root/.cache && pip install flask\n', output: 'FROM python:3.12\nRUN rm -rf /root/.cache && pip install --no-cache-dir flask\n', findings: [{ messageId: 'missing', line: 2, column: 28, endLine: 2, endColumn: 45 }] },
    {
      description: 'one report per command',
      code: 'FROM python:3.12\nRUN pip install -U pip && pip install -r requirements.txt\n',
      output: 'FROM python:3.12\nRUN pip install --no-cache-dir -U pip && pip install --no-cache-dir -r requirements.txt\n',
      findings: [
        { messageId: 'missing', line: 2, column: 5, endLine: 2, endColumn: 23 },
        { messageId: 'missing', line: 2, column: 27, endLine: 2, endColumn: 58 },
      ],
    },
  ],
});
