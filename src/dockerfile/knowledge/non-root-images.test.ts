import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseImageRef } from '../rules/util/image-ref.js';
import { runsAsNonRootByDefault } from './images.js';
import { NON_ROOT_IMAGES } from './non-root-images.js';

const ref = (text: string) => parseImageRef(text)!;

test('images that set a non-root USER themselves', () => {
  for (const text of [
    'grafana/grafana:11.2.0',
    'docker.io/grafana/grafana-oss',
    'grafana/loki:3.1.0',
    'docker.io/grafana/k6:2.2.0-with-browser',
    'prom/prometheus:v2.54.1',
    'quay.io/prometheus/node-exporter:v1.8.2',
    'gcr.io/distroless/static-debian12:nonroot',
    'gcr.io/distroless/base:debug-nonroot',
    'cgr.dev/chainguard/static:latest',
    'bitnami/postgresql:16',
    'nginxinc/nginx-unprivileged:1.27-alpine',
    'mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled',
    'quay.io/keycloak/keycloak:25.0',
    'gitea/gitea:1.22-rootless',
  ]) {
    assert.ok(runsAsNonRootByDefault(ref(text)), text);
  }
});

test('images that run as root, even when a relative of theirs does not', () => {
  for (const text of [
    'node:20',
    'gcr.io/distroless/static:debug',
    'gcr.io/distroless/static',
    'cgr.dev/chainguard/python:latest-dev',
    'grafana/promtail:3.1.0',
    'mcr.microsoft.com/dotnet/aspnet:8.0',
    'gitea/gitea:1.22',
    'myorg/grafana',
    'ghcr.io/grafana/grafana-build',
  ]) {
    assert.ok(!runsAsNonRootByDefault(ref(text)), text);
  }
});

test('every entry names the user it sets and is reached by a reference to it', () => {
  for (const entry of NON_ROOT_IMAGES) {
    assert.ok(entry.user.length > 0, entry.image);
    if (entry.image.startsWith('*')) continue;
    const concrete = entry.image.replace('*', 'x').replace(/^docker\.io\//, '');
    const tag = entry.tags ? (entry.tags.source.includes('nonroot') ? 'nonroot' : entry.tags.source.includes('rootless') ? '1-rootless' : '8.0-chiseled') : '1';
    assert.ok(runsAsNonRootByDefault(ref(`${concrete}:${tag}`)), entry.image);
  }
});
