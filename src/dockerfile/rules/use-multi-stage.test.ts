import { testRule } from '../../../test/support/rule-tester.js';
import { useMultiStage } from './use-multi-stage.js';

testRule(useMultiStage, {
  valid: [
    'FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD ["node", "server.js"]\n',
    'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n',
    {
      description: 'building from source and removing the build dependencies in the same RUN',
      code:
        'FROM debian:12-slim\nRUN apt-get update && apt-get install -y gcc make \\\n && make -C /usr/src/app install \\\n && apt-get purge -y --auto-remove gcc make\n',
    },
    { description: 'on a toolchain base, installed headers alone are expected', code: 'FROM buildpack-deps:bookworm\nRUN apt-get install -y libpq-dev\n' },
    { description: 'npm run of a non-build script', code: 'FROM node:20\nRUN npm run lint\n' },
  ],
  invalid: [
    {
      description: 'npm run build',
      code: 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "dist/main.js"]\n',
      findings: [
        { messageId: 'build', message: 'this single-stage build compiles here (`npm run build`) and ships its toolchain: build in a builder stage and `COPY --from` only the result', line: 4, column: 15, endLine: 4, endColumn: 28 },
      ],
    },
    { description: 'maven wrapper', code: 'FROM eclipse-temurin:21-jdk\nCOPY . .\nRUN ./mvnw -B clean package -DskipTests\n', findings: [{ messageId: 'build', line: 3, column: 5, endLine: 3, endColumn: 40 }] },
    { description: 'gradle', code: 'FROM gradle:8-jdk21\nCOPY . .\nRUN gradle bootJar --no-daemon\n', findings: [{ messageId: 'build', line: 3, column: 5, endLine: 3, endColumn: 31 }] },
    { description: 'dotnet publish', code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nCOPY . .\nRUN dotnet publish -c Release -o /out\n', findings: [{ messageId: 'build', line: 3, column: 5, endLine: 3, endColumn: 38 }] },
    { description: 'yarn build script', code: 'FROM node:20\nRUN yarn install && yarn build:prod\n', findings: [{ messageId: 'build', line: 2, column: 21, endLine: 2, endColumn: 36 }] },
    { description: 'cargo', code: 'FROM rust:1.80\nCOPY . .\nRUN cargo build --release\n', findings: [{ messageId: 'build', line: 3, column: 5, endLine: 3, endColumn: 26 }] },
    {
      description: 'build tools kept',
      code: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y build-essential libpq-dev && pip install psycopg2\n',
      findings: [
        { messageId: 'tools', message: 'this single-stage build installs build tools (build-essential, libpq-dev) that ship in the image: build in a builder stage and `COPY --from` only the result', line: 2, column: 23, endLine: 2, endColumn: 67 },
      ],
    },
    { description: 'one finding per file', code: 'FROM golang:1.23\nRUN go build -o /a ./a\nRUN go build -o /b ./b\n', findings: [{ messageId: 'build', line: 2, column: 5, endLine: 2, endColumn: 23 }] },
  ],
});
