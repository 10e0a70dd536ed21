// The secrets an image's history and config show to anyone who can pull it: a fact the pipeline gathers once,
// which masks them in every report and which image/no-secrets-in-history reports.
import type { Severity } from '../core/severity.js';
import { judgeAssignment } from '../secrets/names.js';
import { findTokens } from '../secrets/tokens.js';
import { redact } from '../secrets/values.js';
import type { HistoryLine } from './facts.js';

export interface HistorySecret {
  /** The ARG or ENV name, or undefined for a token found in a command line. */
  name: string | undefined;
  value: string;
  redacted: string;
  severity: Severity;
  reason: string;
  source: 'build-arg' | 'env' | 'arg-default' | 'command';
  /** The history line that shows it (undefined for an ENV only the config holds). */
  line: HistoryLine | undefined;
  inConfig: boolean;
}

/** `A=1 B="two words"` → pairs; a legacy `ENV NAME value` form is one pair. */
function assignments(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  const regex = /([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|(?:[^\s]|\\ )*(?:\s+(?![A-Za-z_][A-Za-z0-9_]*=)[^\s]+)*)/g;
  for (const match of text.matchAll(regex)) pairs.push([match[1]!, match[2]!]);
  if (pairs.length === 0) {
    const legacy = /^([A-Za-z_][A-Za-z0-9_]*)\s+(.+)$/.exec(text);
    if (legacy) pairs.push([legacy[1]!, legacy[2]!]);
  }
  return pairs;
}

/**
 * Every secret `docker history --no-trunc` and `docker inspect` reveal: build args the builder recorded before a
 * RUN (`|1 API_KEY=… /bin/sh -c …`), ARG defaults, ENV values (in history and in the config), and known token
 * formats typed into a RUN command. Judged by value as well as name.
 */
export function findHistorySecrets(history: readonly HistoryLine[], env: readonly string[]): HistorySecret[] {
  const found = new Map<string, HistorySecret>();
  const add = (secret: Omit<HistorySecret, 'inConfig'>): void => {
    const key = `${secret.name ?? ''}\0${secret.value}`;
    if (!found.has(key)) found.set(key, { ...secret, inConfig: false });
  };
  const judged = (name: string, value: string) => {
    const verdict = judgeAssignment(name, value);
    return verdict && { name, value, redacted: redact(value), severity: verdict.severity, reason: verdict.reason };
  };
  for (const line of history) {
    const { keyword, text, buildArgs } = line.instruction;
    for (const [name, value] of Object.entries(buildArgs)) {
      const secret = judged(name, value);
      if (secret) add({ ...secret, source: 'build-arg', line });
    }
    if (keyword === 'ENV' || keyword === 'ARG') {
      for (const [name, value] of assignments(text.slice(keyword.length).trim())) {
        const secret = judged(name, value);
        if (secret) add({ ...secret, source: keyword === 'ENV' ? 'env' : 'arg-default', line });
      }
    }
    if (keyword === 'RUN') {
      for (const { secret, format } of findTokens(text)) {
        add({ name: undefined, value: secret, redacted: redact(secret), severity: format.severity, reason: format.title, source: 'command', line });
      }
    }
  }
  for (const variable of env) {
    const equals = variable.indexOf('=');
    if (equals <= 0) continue;
    const secret = judged(variable.slice(0, equals), variable.slice(equals + 1));
    if (!secret) continue;
    const known = found.get(`${secret.name}\0${secret.value}`);
    if (known) known.inConfig = true;
    else found.set(`${secret.name}\0${secret.value}`, { ...secret, source: 'env', line: undefined, inConfig: true });
  }
  return [...found.values()].filter((s) => s.value.length >= 4 || s.name !== undefined);
}
