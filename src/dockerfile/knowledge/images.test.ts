import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseImageRef } from '../rules/util/image-ref.js';
import { builtInUser, entrypointDropsPrivileges, needsRootToStart, osFamily, runsAsNonRootByDefault, slimAdvice } from './images.js';

const ref = (text: string) => parseImageRef(text)!;
const slim = (text: string) => {
  const advice = slimAdvice(ref(text));
  return advice?.kind === 'variant' ? advice.tag : advice?.kind;
};

test('slim variants keep the family and the OS release', () => {
  assert.equal(slim('node:20'), '20-slim');
  assert.equal(slim('node:20.11.1-bookworm'), '20.11.1-bookworm-slim');
  assert.equal(slim('node:iron'), 'iron-slim');
  assert.equal(slim('python:3.13.0rc1-bookworm'), '3.13.0rc1-slim-bookworm');
  assert.equal(slim('perl:5.38'), '5.38-slim');
  assert.equal(slim('debian:stable'), 'stable-slim');
  assert.equal(slim('eclipse-temurin:21'), '21-jre');
  assert.equal(slim('openjdk:21'), '21-jdk-slim');
  for (const text of ['node:20-slim', 'node:20-alpine3.19', 'python:3.12-slim', 'debian:latest', 'debian:bookworm-slim', 'php:8.3', 'ubuntu:24.04', 'eclipse-temurin:21-jre', 'openjdk:17-oraclelinux8', 'node', 'myorg/node:20'])
    assert.equal(slim(text), undefined, text);
  assert.equal(slim('golang:1.22-alpine'), 'toolchain');
  assert.equal(slim('rust:1.77-slim'), 'toolchain');
  assert.equal(slim('mcr.microsoft.com/dotnet/sdk:8.0'), 'toolchain');
  assert.equal(slim('mcr.microsoft.com/dotnet/aspnet:8.0'), undefined);
});

test('OS families', () => {
  assert.equal(osFamily(ref('alpine:3.20')), 'alpine');
  assert.equal(osFamily(ref('python:3.12-alpine3.19')), 'alpine');
  assert.equal(osFamily(ref('busybox:1.36')), 'busybox');
  assert.equal(osFamily(ref('quay.io/prometheus/busybox-linux-amd64:latest')), 'busybox');
  assert.equal(osFamily(ref('python:3.12-slim')), 'debian');
  assert.equal(osFamily(ref('ubuntu:24.04')), 'debian');
  assert.equal(osFamily(ref('gcr.io/distroless/base-debian12')), 'distroless');
  assert.equal(osFamily(ref('mcr.microsoft.com/windows/nanoserver:ltsc2022')), 'windows');
  assert.equal(osFamily(ref('golang:1.22-windowsservercore')), 'windows');
  assert.equal(osFamily(ref('myorg/app:1')), undefined);
  assert.equal(osFamily(ref('mysql:8.4')), undefined);
  assert.equal(osFamily(ref('openjdk:22-oraclelinux8')), undefined);
  assert.equal(osFamily(ref('fedora:40')), undefined);
  assert.equal(osFamily(ref('myorg/app:1-bookworm')), 'debian');
});

test('users', () => {
  assert.equal(builtInUser(ref('node:20-alpine')), 'node');
  assert.equal(builtInUser(ref('python:3.12')), undefined);
  assert.ok(runsAsNonRootByDefault(ref('gcr.io/distroless/static:nonroot')));
  assert.ok(!runsAsNonRootByDefault(ref('gcr.io/distroless/static')));
  assert.ok(runsAsNonRootByDefault(ref('cgr.dev/chainguard/static:latest')));
  assert.ok(!runsAsNonRootByDefault(ref('cgr.dev/chainguard/python:latest-dev')));
  assert.ok(!runsAsNonRootByDefault(ref('node:20')));
});

test('images that start as root by design', () => {
  for (const text of ['nginx:1.27', 'httpd:2.4', 'php:8.3-apache-bookworm', 'wordpress:6.5', 'wordpress']) assert.ok(needsRootToStart(ref(text)), text);
  for (const text of ['php:8.3', 'php:8.3-fpm-alpine', 'wordpress:cli', 'wordpress:6-fpm', 'nginxinc/nginx-unprivileged:1.27', 'node:20'])
    assert.ok(!needsRootToStart(ref(text)), text);
  assert.ok(entrypointDropsPrivileges(ref('postgres:16-alpine')));
  assert.ok(!entrypointDropsPrivileges(ref('bitnami/postgresql:16')));
});
