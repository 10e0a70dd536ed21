import type { FileAnalyzer } from '../types.js';

/** The language runtimes whose releases reach an end of life, as endoflife.date names them. */
export type RuntimeName = 'nodejs' | 'python' | 'go' | 'java' | 'ruby' | 'php';

/** A language runtime the image carries, and the version its own files state. */
export interface Runtime {
  name: RuntimeName;
  /** As precise as the file says: `20.11.1`, or `3.11` where only the release line is known. */
  version: string;
}

interface VersionFile {
  name: RuntimeName;
  /** Matched against the path; a capture group, when there is one, is the version the path itself states. */
  path: RegExp;
  /** Reads the version from the content; undefined when the path's own version is all there is. */
  read?(text: string): string | undefined;
}

function define(text: string, name: string): string | undefined {
  return new RegExp(`^#define\\s+${name}\\s+(\\d+)\\s*$`, 'm').exec(text)?.[1];
}

const VERSION_FILES: readonly VersionFile[] = [
  {
    // Official node images and distribution packages ship the headers that state the exact release.
    name: 'nodejs',
    path: /^usr\/(?:local\/)?include\/node\/node_version\.h$/,
    read(text) {
      const parts = ['NODE_MAJOR_VERSION', 'NODE_MINOR_VERSION', 'NODE_PATCH_VERSION'].map((name) => define(text, name));
      return parts.every((part) => part !== undefined) ? parts.join('.') : undefined;
    },
  },
  {
    name: 'python',
    path: /^usr\/(?:local\/)?include\/python(\d+\.\d+)\/patchlevel\.h$/,
    read: (text) => /^#define\s+PY_VERSION\s+"(\d+\.\d+\.\d+)[^"]*"/m.exec(text)?.[1],
  },
  // Without headers, the standard library's directory names the release line.
  { name: 'python', path: /^usr\/(?:local\/)?lib\/python(\d+\.\d+)\/os\.py$/ },
  { name: 'go', path: /^usr\/(?:local\/)?(?:lib\/)?go(?:-[\d.]+)?\/VERSION$/, read: (text) => /^go(\d+\.\d+(?:\.\d+)?)/.exec(text)?.[1] },
  {
    name: 'java',
    path: /^(?:usr\/lib\/jvm\/[^/]+|opt\/java\/[^/]+|usr\/local\/openjdk-[^/]+|opt\/openjdk-[^/]+)\/release$/,
    read: (text) => /^JAVA_VERSION="([^"]+)"/m.exec(text)?.[1],
  },
  {
    name: 'ruby',
    path: /^usr\/(?:local\/)?lib\/(?:x86_64-linux-gnu\/|aarch64-linux-gnu\/)?ruby\/\d+\.\d+\.\d+\/[^/]+\/rbconfig\.rb$/,
    read: (text) => /CONFIG\["RUBY_PROGRAM_VERSION"\]\s*=\s*"([\d.]+)"/.exec(text)?.[1],
  },
  { name: 'php', path: /^usr\/(?:local\/)?bin\/php-config(\d+\.\d+)?$/, read: (text) => /^version="([\d.]+)[^"]*"/m.exec(text)?.[1] },
];

/** Runtime versions from the files the runtimes install: headers, release files and build configuration. */
export const runtimesAnalyzer: FileAnalyzer<Runtime> = {
  name: 'runtimes',
  version: 1,
  description: 'language runtimes (Node.js, Python, Go, Java, Ruby, PHP) from the version files they install',
  maxFileBytes: 256 * 1024,
  wants(path, entry) {
    return entry.kind === 'file' && VERSION_FILES.some((file) => file.path.test(path));
  },
  analyze({ path, content }) {
    for (const file of VERSION_FILES) {
      const match = file.path.exec(path);
      if (!match) continue;
      const version = file.read?.(content.toString('utf8')) ?? match[1];
      if (version) return { name: file.name, version };
    }
    return undefined;
  },
};
