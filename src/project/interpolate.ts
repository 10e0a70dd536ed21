// Compose's variable interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}`,
// `${VAR:+other}`, `$$` for a dollar. Values come from the `.env` file beside the compose file, never from this
// process's environment (the report must not depend on who runs it); a variable without a value or a default
// leaves the text unresolved.

import { readFileSync } from 'node:fs';
import type { Unresolved } from './types.js';

export type Variables = ReadonlyMap<string, string>;

/** `NAME=value` lines of a `.env` file (quotes removed, comments and `export ` skipped); empty when there is none. */
export function readDotenv(path: string): Map<string, string> {
  const variables = new Map<string, string>();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return variables;
  }
  for (const raw of text.split('\n')) {
    const line = raw.trim().replace(/^export\s+/, '');
    const match = /^([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2]!;
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.lastIndexOf(quote) > 0) value = value.slice(1, value.lastIndexOf(quote));
    else value = value.replace(/\s+#.*$/, '');
    variables.set(match[1]!, value);
  }
  return variables;
}

/** The text with its variables substituted, or the text as written when one has no value. */
export function interpolate(text: string, variables: Variables): string | Unresolved {
  let out = '';
  let unresolved = false;
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char !== '$') {
      out += char;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      // Braces nest in defaults: `${A:-${B}}`.
      let depth = 0;
      let end = i + 1;
      for (; end < text.length; end++) {
        if (text[end] === '{') depth++;
        else if (text[end] === '}' && --depth === 0) break;
      }
      if (end >= text.length) {
        out += text.slice(i);
        unresolved = true;
        break;
      }
      const value = expand(text.slice(i + 2, end), variables);
      if (value === undefined) unresolved = true;
      else out += value;
      i = end + 1;
    } else {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1))?.[0];
      if (!name) {
        out += '$';
        i++;
        continue;
      }
      const value = variables.get(name);
      if (value === undefined) unresolved = true;
      else out += value;
      i += 1 + name.length;
    }
  }
  return unresolved ? { unresolved: text } : out;
}

/** One `${...}` body: a name and an optional operator with its word. */
function expand(body: string, variables: Variables): string | undefined {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
  if (!match) return undefined;
  const [, name, operator, word = ''] = match;
  const value = variables.get(name!);
  const isSet = value !== undefined && (value !== '' || !operator?.startsWith(':'));
  const nested = () => {
    const result = interpolate(word, variables);
    return typeof result === 'string' ? result : undefined;
  };
  switch (operator) {
    case undefined:
      return value;
    case ':-':
    case '-':
      return isSet ? value : nested();
    case ':+':
    case '+':
      return isSet ? nested() : '';
    default:
      return isSet ? value : undefined;
  }
}
