// Extracts BuildKit's lint test cases (moby/buildkit frontend/dockerfile/dockerfile_check_test.go, once
// dockerfile_lint_test.go; Apache-2.0) into test/conformance/buildkit-lint-cases.json, as data: each
// `checkLinterWarnings` call's Dockerfile, .dockerignore, build args and expected warnings.
//
//   tsx scripts/extract-buildkit-lint-cases.ts <path to dockerfile_check_test.go> <buildkit commit>
//
// It evaluates only the Go the test file uses to build its inputs (string literals, []byte(...),
// fmt.Sprintf/Appendf, integration.UnixOrWindows taking the Unix side, local variables and the test's small
// warning-making closures); a case it cannot evaluate is listed in `skipped` with the reason.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface ExpectedWarning {
  ruleName: string;
  description: string;
  detail: string;
  url: string;
  line: number;
  level: number;
}

export interface BuildkitLintCase {
  /** `testName#n`: the Go test function and the call's position in it. */
  name: string;
  dockerfile: string;
  dockerignore?: string;
  /** Frontend attributes the build ran with, e.g. `build-arg:BUILDKIT_DOCKERFILE_CHECK`. */
  frontendAttrs?: Record<string, string>;
  /** The warnings `docker build --check` reports (BuildKit's lint request: every stage). */
  warnings: ExpectedWarning[];
  /** The error the check ends with, when BuildKit fails the build (`error=true`, a parse error). */
  buildError?: string;
}

type Value = string | number | Value[] | { [key: string]: Value } | null;

class Unsupported extends Error {}

/** A cursor over Go source text that reads the expressions the test file uses. */
class GoReader {
  pos = 0;
  constructor(
    readonly src: string,
    readonly scope: Map<string, Value>,
    readonly closures: Map<string, { params: string[]; body: string }>,
  ) {}

  skipSpace(): void {
    for (;;) {
      const rest = this.src.slice(this.pos);
      const match = /^(\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)/.exec(rest);
      if (!match) return;
      this.pos += match[0].length;
    }
  }

  peek(text: string): boolean {
    this.skipSpace();
    return this.src.startsWith(text, this.pos);
  }

  expect(text: string): void {
    if (!this.peek(text)) throw new Unsupported(`expected ${text} at ${this.src.slice(this.pos, this.pos + 40)}`);
    this.pos += text.length;
  }

  identifier(): string {
    this.skipSpace();
    const match = /^[A-Za-z_][\w.]*/.exec(this.src.slice(this.pos));
    if (!match) throw new Unsupported(`expected a name at ${this.src.slice(this.pos, this.pos + 40)}`);
    this.pos += match[0].length;
    return match[0];
  }

  stringLiteral(): string {
    this.skipSpace();
    const quote = this.src[this.pos];
    if (quote === '`') {
      const end = this.src.indexOf('`', this.pos + 1);
      const text = this.src.slice(this.pos + 1, end);
      this.pos = end + 1;
      return text;
    }
    const match = /^"((?:[^"\\\n]|\\.)*)"/.exec(this.src.slice(this.pos));
    if (!match) throw new Unsupported('expected a string');
    this.pos += match[0].length;
    return JSON.parse(`"${match[1]!.replace(/\\'/g, "'")}"`) as string;
  }

  /** Skips one balanced expression without evaluating it (for fields the cases do not need). */
  skipExpression(): void {
    let depth = 0;
    this.skipSpace();
    while (this.pos < this.src.length) {
      const char = this.src[this.pos]!;
      if (char === '`' || char === '"') {
        this.stringLiteral();
        continue;
      }
      if ('([{'.includes(char)) depth++;
      else if (')]}'.includes(char)) {
        if (depth === 0) return;
        depth--;
      } else if (char === ',' && depth === 0) return;
      this.pos++;
    }
  }

  expression(): Value {
    this.skipSpace();
    const char = this.src[this.pos];
    let value: Value;
    if (char === '`' || char === '"') value = this.stringLiteral();
    else if (char !== undefined && /[0-9-]/.test(char)) {
      const match = /^-?\d+/.exec(this.src.slice(this.pos))!;
      this.pos += match[0].length;
      value = Number(match[0]);
    } else if (this.peek('[]byte(')) {
      this.expect('[]byte(');
      value = this.expression();
      this.expect(')');
    } else if (this.peek('[]expectedLintWarning{')) {
      this.expect('[]expectedLintWarning{');
      value = this.list('}', () => (this.peek('{') ? this.struct() : this.expression()));
    } else if (this.peek('expectedLintWarning{')) {
      this.expect('expectedLintWarning');
      value = this.struct();
    } else if (this.peek('map[string]string{')) {
      this.expect('map[string]string{');
      const entries: Record<string, Value> = {};
      this.list('}', () => {
        const key = this.expression();
        this.expect(':');
        entries[String(key)] = this.expression();
        return null;
      });
      value = entries;
    } else {
      const name = this.identifier();
      if (this.peek('(')) value = this.call(name);
      else if (this.scope.has(name)) value = this.scope.get(name)!;
      else throw new Unsupported(`unknown name ${name}`);
    }
    if (this.peek('+') && !this.peek('++')) {
      this.expect('+');
      const right = this.expression();
      if (typeof value !== 'string' || typeof right !== 'string') throw new Unsupported('+ of non-strings');
      return value + right;
    }
    return value;
  }

  list<T>(close: string, item: () => T): T[] {
    const items: T[] = [];
    while (!this.peek(close)) {
      items.push(item());
      if (this.peek(',')) this.expect(',');
    }
    this.expect(close);
    return items;
  }

  struct(): Record<string, Value> {
    this.expect('{');
    const fields: Record<string, Value> = {};
    this.list('}', () => {
      const key = this.identifier();
      this.expect(':');
      fields[key] = this.expression();
      return null;
    });
    return fields;
  }

  call(name: string): Value {
    this.expect('(');
    if (name === 'integration.UnixOrWindows') {
      const args = this.list(')', () => this.expression());
      return args[0]!;
    }
    if (name === 'fmt.Sprintf' || name === 'fmt.Appendf') {
      const args = this.list(')', () => this.expression());
      if (name === 'fmt.Appendf') args.shift();
      return goFormat(String(args[0]), args.slice(1));
    }
    const closure = this.closures.get(name);
    if (closure) {
      const args = this.list(')', () => this.expression());
      const inner = new Map(this.scope);
      closure.params.forEach((param, i) => inner.set(param, args[i] ?? null));
      const reader = new GoReader(closure.body, inner, this.closures);
      reader.expect('return');
      return reader.expression();
    }
    throw new Unsupported(`call of ${name}`);
  }
}

function goFormat(format: string, args: Value[]): string {
  let next = 0;
  return format.replace(/%[sqd%]/g, (verb) => {
    if (verb === '%%') return '%';
    const arg = args[next++];
    return verb === '%q' ? JSON.stringify(String(arg)) : String(arg);
  });
}

function toWarning(value: Value): ExpectedWarning {
  const fields = value as Record<string, Value>;
  return {
    ruleName: String(fields.RuleName),
    description: String(fields.Description),
    detail: String(fields.Detail ?? ''),
    url: String(fields.URL ?? ''),
    line: Number(fields.Line ?? 0),
    level: Number(fields.Level ?? 0),
  };
}

/** Finds each test function and, in its body, the assignments and `checkLinterWarnings` calls in order. */
export function extractCases(src: string): { cases: BuildkitLintCase[]; skipped: { name: string; reason: string }[] } {
  const cases: BuildkitLintCase[] = [];
  const skipped: { name: string; reason: string }[] = [];
  const functions = [...src.matchAll(/^func (test\w+)\(t \*testing\.T, sb integration\.Sandbox\) \{\n([\s\S]*?)^\}\n/gm)];
  for (const [, testName, body] of functions) {
    const scope = new Map<string, Value>([['nil', null]]);
    const closures = new Map<string, { params: string[]; body: string }>();
    let index = 0;
    const statements = /^\t(\w+) :?= |^\t+checkLinterWarnings\(t, sb, &lintTestParams\{/gm;
    for (const statement of body!.matchAll(statements)) {
      const start = statement.index! + statement[0].length;
      const assigned = statement[1];
      if (assigned) {
        const closure = /^func\(([^)]*)\) expectedLintWarning \{\n\s*/.exec(body!.slice(start));
        if (closure) {
          const params = closure[1]!.split(',').map((param) => param.trim().split(/\s+/)[0]!);
          const reader = new GoReader(body!, scope, closures);
          reader.pos = start + closure[0].length;
          const bodyStart = reader.pos;
          reader.expect('return');
          reader.expect('expectedLintWarning');
          reader.skipExpression();
          closures.set(assigned, { params, body: body!.slice(bodyStart, reader.pos) });
          continue;
        }
        try {
          const reader = new GoReader(body!, scope, closures);
          reader.pos = start;
          scope.set(assigned, reader.expression());
        } catch (error) {
          if (!(error instanceof Unsupported)) throw error;
          scope.delete(assigned);
        }
        continue;
      }
      const name = `${testName}#${++index}`;
      try {
        const reader = new GoReader(body!, scope, closures);
        reader.pos = start;
        const fields: Record<string, Value> = {};
        reader.list('}', () => {
          const key = reader.identifier();
          reader.expect(':');
          if (['TmpDir', 'Client', 'StreamBuildErrRegexp', 'UnmarshalBuildErrRegexp', 'BuildErrLocation'].includes(key)) {
            reader.skipExpression();
            fields[key] = '(not evaluated)';
          } else fields[key] = reader.expression();
          return null;
        });
        if (fields.TmpDir !== undefined) throw new Unsupported('reuses a prepared context directory');
        if (typeof fields.Dockerfile !== 'string') throw new Unsupported('no Dockerfile text');
        const expected = (fields.UnmarshalWarnings ?? fields.Warnings ?? []) as Value[];
        const lintCase: BuildkitLintCase = { name, dockerfile: fields.Dockerfile, warnings: expected.map(toWarning) };
        if (typeof fields.DockerIgnore === 'string') lintCase.dockerignore = fields.DockerIgnore;
        if (fields.FrontendAttrs) lintCase.frontendAttrs = fields.FrontendAttrs as Record<string, string>;
        if (typeof fields.BuildErr === 'string' && fields.BuildErr) lintCase.buildError = fields.BuildErr;
        cases.push(lintCase);
      } catch (error) {
        if (!(error instanceof Unsupported)) throw error;
        skipped.push({ name, reason: error.message.split('\n')[0]!.slice(0, 120) });
      }
    }
  }
  return { cases, skipped };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, commit] = process.argv.slice(2);
  if (!file || !commit) {
    console.error('usage: extract-buildkit-lint-cases.ts <dockerfile_check_test.go> <buildkit commit>');
    process.exit(2);
  }
  const { cases, skipped } = extractCases(readFileSync(file, 'utf8'));
  const out = fileURLToPath(new URL('../test/conformance/buildkit-lint-cases.json', import.meta.url));
  const data = {
    source: { repository: 'https://github.com/moby/buildkit', path: 'frontend/dockerfile/dockerfile_check_test.go', commit, license: 'Apache-2.0' },
    cases,
    skipped,
  };
  writeFileSync(out, `${JSON.stringify(data, null, 2)}\n`);
  console.log(`${cases.length} cases, ${skipped.length} skipped → ${out}`);
}
