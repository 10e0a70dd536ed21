import { testRule } from '../../../test/support/rule-tester.js';
import { noDevDependencies } from './no-dev-dependencies.js';

testRule(noDevDependencies, {
  valid: [
    'FROM node:20\nRUN npm ci --only=production\n',
    'FROM node:20\nRUN npm ci --omit dev\n',
    'FROM node:20\nRUN NODE_ENV=production npm ci\n',
    'FROM node:20\nRUN export NODE_ENV=production && yarn install --frozen-lockfile\n',
    'FROM node:20\nENV NPM_CONFIG_PRODUCTION=true\nRUN npm install\n',
    'FROM node:20\nRUN npm ci && npm run build && npm prune --omit=dev\n',
    'FROM node:20\nRUN npm install -g pm2 && npm install express@4.19.2\n',
    'FROM node:20\nRUN pnpm install --prod --frozen-lockfile\n',
    'FROM python:3.12\nRUN pip install -r requirements.txt -e .\n',
    'FROM python:3.12\nRUN poetry install --only main --no-root\n',
    'FROM python:3.12\nRUN poetry install --without dev,test\n',
    'FROM python:3.12\nRUN uv sync --frozen --no-dev\n',
    'FROM ruby:3.3\nENV BUNDLE_WITHOUT=development:test\nRUN bundle install\n',
    "FROM ruby:3.3\nRUN bundle config set --local without 'development test'\nRUN bundle install\n",
    'FROM ruby:3.3\nRUN bundle install --without development test\n',
    'FROM php:8.3\nRUN composer install --no-dev --optimize-autoloader\n',
    { description: 'a builder stage may', code: 'FROM node:20 AS build\nRUN npm ci && npm run build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n' },
  ],
  invalid: [
    { description: 'yarn', code: 'FROM node:20\nRUN yarn install --frozen-lockfile\n', output: 'FROM node:20\nRUN yarn install --production --frozen-lockfile\n', findings: [{ messageId: 'dev', line: 2, column: 5, endLine: 2, endColumn: 35 }] },
    { description: 'bare yarn', code: 'FROM node:20\nRUN yarn\n', output: 'FROM node:20\nRUN yarn --production\n', findings: [{ messageId: 'dev', line: 2, column: 5, endLine: 2, endColumn: 9 }] },
    { description: 'yarn 2+ has no --production', code: 'FROM node:20\nRUN yarn install --immutable\n', noFix: 'yarn 2+ has no --production flag to add', findings: [{ messageId: 'dev', line: 2, column: 5, endLine: 2, endColumn: 29 }] },
    { description: 'pnpm', code: 'FROM node:20\nRUN pnpm i --frozen-lockfile\n', output: 'FROM node:20\nRUN pnpm i --prod --frozen-lockfile\n', findings: [{ messageId: 'dev', line: 2, column: 5, endLine: 2, endColumn: 29 }] },
    { description: 'poetry', code: 'FROM python:3.12\nRUN poetry install --no-root\n', output: 'FROM python:3.12\nRUN poetry install --only main --no-root\n', findings: [{ messageId: 'dev', line: 2, column: 5, endLine: 2, endColumn: 29 }] },
    { description: 'uv', code: 'FROM python:3.12\nRUN uv sync --frozen\n', output: 'FROM python:3.12\nRUN uv sync --no-dev --frozen\n', findings: [{ messageId: 'dev', line: 2, column: 5, endLine: 2, endColumn: 21 }] },
    { description: 'bundler', code: 'FROM ruby:3.3\nRUN bundle install --jobs 4\n', output: 'FROM ruby:3.3\nRUN BUNDLE_WITHOUT=development:test bundle install --jobs 4\n', findings: [{ messageId: 'dev', line: 2, column: 5, endLine: 2, endColumn: 28 }] },
    { description: 'composer', code: 'FROM php:8.3\nRUN composer install\n', output: 'FROM php:8.3\nRUN composer install --no-dev\n', findings: [{ messageId: 'dev', line: 2, column: 5, endLine: 2, endColumn: 21 }] },
    { description: 'a dev extra', code: 'FROM python:3.12\nRUN pip install -e ".[dev]"\n', noFix: 'the remedy is to drop the extra, which may hold runtime packages too', findings: [{ messageId: 'dev', line: 2, column: 5, endLine: 2, endColumn: 28 }] },
    { description: 'requirements in a folder', code: 'FROM python:3.12\nRUN pip install -r requirements/test.txt\n', noFix: 'the remedy is another requirements file, which the fix cannot name', findings: [{ messageId: 'dev', line: 2, column: 5, endLine: 2, endColumn: 41 }] },
    { description: 'pipenv --dev', code: 'FROM python:3.12\nRUN pipenv install --dev --system\n', noFix: 'pipenv has no production flag to add; dropping --dev is left to the author', findings: [{ messageId: 'dev', line: 2, column: 5, endLine: 2, endColumn: 34 }] },
    {
      description: 'a later build needs the dev dependencies: reported without a fix',
      code: 'FROM node:20\nCOPY . .\nRUN npm ci\nRUN npm run build\nCMD ["node", "dist/main.js"]\n',
      noFix: 'a later build in the stage needs the dev dependencies',
      findings: [
        { messageId: 'dev', message: 'the final image gets development dependencies: `npm ci` installs them — move the build that needs them to a builder stage, then add `--omit=dev`', line: 3, column: 5, endLine: 3, endColumn: 11 },
      ],
    },
  ],
});
