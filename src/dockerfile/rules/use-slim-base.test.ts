import { testRule } from '../../../test/support/rule-tester.js';
import { useSlimBase } from './use-slim-base.js';

testRule(useSlimBase, {
  valid: [
    'FROM node:20-alpine\n',
    'FROM node:20-bookworm-slim\n',
    'FROM python:3.12-slim-bookworm\n',
    'FROM python:3.12-windowsservercore-ltsc2022\n',
    'FROM ubuntu:24.04\n',
    'FROM debian:bookworm-slim\n',
    'FROM eclipse-temurin:21-jre-jammy\n',
    'FROM python:3.12 AS build\nFROM python:3.12-slim\n',
    'FROM myorg/node:20\n',
    'FROM node\n',
    'FROM golang:1.22-windowsservercore-ltsc2022\n',
  ],
  invalid: [
    { code: 'FROM python:3.12-bookworm\n', output: 'FROM python:3.12-slim-bookworm\n', findings: [{ messageId: 'fullBase', line: 1, column: 6, endLine: 1, endColumn: 26 }] },
    { code: 'FROM docker.io/library/node:lts\n', output: 'FROM docker.io/library/node:lts-slim\n', findings: [{ messageId: 'fullBase', line: 1, column: 6, endLine: 1, endColumn: 32 }] },
    { code: 'FROM ruby:3.3.1\n', output: 'FROM ruby:3.3.1-slim\n', findings: [{ messageId: 'fullBase', line: 1, column: 6, endLine: 1, endColumn: 16 }] },
    { code: 'FROM debian:12.5\n', output: 'FROM debian:12.5-slim\n', findings: [{ messageId: 'fullBase', line: 1, column: 6, endLine: 1, endColumn: 17 }] },
    { code: 'FROM debian:bookworm-20240311\n', output: 'FROM debian:bookworm-20240311-slim\n', findings: [{ messageId: 'fullBase', line: 1, column: 6, endLine: 1, endColumn: 30 }] },
    { code: 'FROM eclipse-temurin:17-jdk-jammy\n', output: 'FROM eclipse-temurin:17-jre-jammy\n', findings: [{ messageId: 'fullBase', line: 1, column: 6, endLine: 1, endColumn: 34 }] },
    { code: 'FROM eclipse-temurin:21.0.2_13-jdk-alpine\n', output: 'FROM eclipse-temurin:21.0.2_13-jre-alpine\n', findings: [{ messageId: 'fullBase', line: 1, column: 6, endLine: 1, endColumn: 42 }] },
    { code: 'FROM openjdk:17-jdk-bullseye\n', output: 'FROM openjdk:17-jdk-slim-bullseye\n', findings: [{ messageId: 'fullBase', line: 1, column: 6, endLine: 1, endColumn: 29 }] },
    {
      code: 'FROM node:20@sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb\n',
      description: 'a digest pins the full image: reported, not rewritten',
      noFix: 'a digest pins the full image: rewriting the tag would leave a digest of another image',
      findings: [{ messageId: 'fullBase', line: 1, column: 6, endLine: 1, endColumn: 85 }],
    },
    {
      code: 'FROM maven:3.9-eclipse-temurin-21\nCOPY . .\nRUN mvn package\nCMD ["java", "-jar", "target/app.jar"]\n',
      noFix: 'a toolchain image has no slim runtime variant: the remedy is a builder stage', findings: [{ messageId: 'toolchain', line: 1, column: 6, endLine: 1, endColumn: 34 }],
    },
    { code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0\n', noFix: 'a toolchain image has no slim runtime variant: the remedy is a builder stage', findings: [{ messageId: 'toolchain', line: 1, column: 6, endLine: 1, endColumn: 38 }] },
    {
      code: 'FROM node:20\n',
      output: 'FROM node:20-slim\n',
      findings: [
        { messageId: 'fullBase', message: 'the final stage runs on `node:20`, a full image: use `node:20-slim` — the `-slim` variant (Debian without build tools), `-alpine`, or a distroless Node.js image', line: 1, column: 6, endLine: 1, endColumn: 13 },
      ],
    },
  ],
});
