// The shapes of a project's builds: which Dockerfile is built with which context, target and args, and the
// file that says so.

/** Where a build's settings come from. */
export type BuildSourceKind = 'compose' | 'bake' | 'workflow' | 'script' | 'inferred' | 'dockerfile-dir' | 'option';

export interface BuildSource {
  kind: BuildSourceKind;
  /** The file that declares the build (compose file, bake file, workflow, package.json, Makefile, script), as a path. */
  file?: string;
  /** The service, bake target, workflow job/step or script name. */
  name?: string;
  line?: number;
}

/**
 * A value the project writes with an expression this tool does not evaluate (`${{ github.workspace }}`,
 * `$(DIR)`, a bake function call): reported as written, never guessed.
 */
export interface Unresolved {
  unresolved: string;
}

export interface Build {
  /** The Dockerfile's path (joined to the project root), or a compose file's `dockerfile_inline` name. */
  dockerfile: string;
  /** `dockerfile_inline`: the Dockerfile's text, written in the compose file. */
  inline?: string;
  /** The context directory, or what the project writes where it cannot be resolved. */
  context: string | Unresolved;
  /** The stage built (`--target`); undefined builds the last stage. */
  target?: string | Unresolved;
  args: Record<string, string>;
  /** Named contexts (`additional_contexts`, bake `contexts`, `--build-context`). */
  additionalContexts: Record<string, string>;
  source: BuildSource;
}

/** Something the reader could not use (an unreadable file, binary content, an unevaluated function): one line. */
export interface ProjectNote {
  file: string;
  message: string;
}

export function isUnresolved(value: unknown): value is Unresolved {
  return typeof value === 'object' && value !== null && 'unresolved' in value;
}

/** How a source is named in a report: `compose.yaml service web`. */
export function describeSource(source: BuildSource, root?: string): string {
  const file = source.file && root !== undefined ? relativeName(root, source.file) : source.file;
  switch (source.kind) {
    case 'compose':
      return `from ${file} service ${source.name}`;
    case 'bake':
      return `from ${file} target ${source.name}`;
    case 'workflow':
      return `from ${file}${source.line ? `:${source.line}` : ''}${source.name ? ` (${source.name})` : ''}`;
    case 'script':
      return `from ${file}${source.line ? `:${source.line}` : ''}${source.name ? ` (${source.name})` : ''}`;
    case 'inferred':
      return 'inferred from COPY sources';
    case 'dockerfile-dir':
      return "the Dockerfile's directory";
    case 'option':
      return 'from --context';
  }
}

function relativeName(root: string, file: string): string {
  const prefix = root.endsWith('/') ? root : root + '/';
  return file.startsWith(prefix) ? file.slice(prefix.length) : file;
}
