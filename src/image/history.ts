import type { HistoryEntry, ImageConfig } from './types.js';

/** One line of `docker history`: a history entry, and the layer it made if it made one. */
export interface HistoryRow {
  /** Index in `config.history`, or undefined for a layer the history does not account for. */
  historyIndex: number | undefined;
  /** 0-based index into `image.layers`; undefined for entries that made no layer (ENV, CMD…). */
  layerIndex: number | undefined;
  entry: HistoryEntry;
}

/**
 * Pairs history entries with layers: every entry without `empty_layer` made the next layer, base first, as
 * `docker history` pairs them. Layers left over when the history runs short get a row with an empty entry.
 */
export function alignHistory(config: ImageConfig, layerCount: number): HistoryRow[] {
  const rows: HistoryRow[] = [];
  let next = 0;
  (config.history ?? []).forEach((entry, historyIndex) => {
    if (entry.empty_layer || next >= layerCount) {
      rows.push({ historyIndex, layerIndex: undefined, entry: { ...entry, empty_layer: true } });
    } else {
      rows.push({ historyIndex, layerIndex: next++, entry });
    }
  });
  for (; next < layerCount; next++) rows.push({ historyIndex: undefined, layerIndex: next, entry: {} });
  return rows;
}

export interface Instruction {
  /** The Dockerfile keyword, upper case (`RUN`, `COPY`…), or undefined when `created_by` names none. */
  keyword: string | undefined;
  /** The instruction as it would read in a Dockerfile: `RUN apt-get update`, `COPY file:ab12… in /app`. */
  text: string;
  /** Build args the classic builder and BuildKit record before a RUN (`|2 A=1 B=2 …`). */
  buildArgs: Record<string, string>;
}

const KEYWORDS = [
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN',
  'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
];
const KEYWORD_AT_START = new RegExp(`^(${KEYWORDS.join('|')})(?=\\s|$)`, 'i');
const NOP = /^\/bin\/sh -c #\(nop\)\s*/;
const BUILDKIT_SUFFIX = /\s*# buildkit$/;
// The shells the classic builder, buildah and BuildKit put in front of a shell-form RUN.
const SHELL_PREFIX = /^(?:\/bin\/(?:ba|da)?sh|\/usr\/bin\/(?:ba)?sh|cmd \/S \/C|powershell(?:\.exe)?)(?: -[a-zA-Z]+(?: [a-z]+)?)*? -c /;
const ARG_COUNT = /^\|(\d+) /;
const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Splits `|2 A=1 B=two words /bin/sh -c cmd` into the args and the command. */
function takeBuildArgs(text: string): { args: Record<string, string>; rest: string } {
  const count = ARG_COUNT.exec(text);
  if (!count) return { args: {}, rest: text };
  let rest = text.slice(count[0].length);
  const args: Record<string, string> = {};
  for (let i = 0; i < Number(count[1]) && ARG_NAME.test(rest); i++) {
    const equals = rest.indexOf('=');
    const name = rest.slice(0, equals);
    rest = rest.slice(equals + 1);
    // A value ends at the next ` NAME=` when args remain, else where the command starts; values may hold spaces.
    let end: number;
    if (i < Number(count[1]) - 1) {
      const nextArg = / [A-Za-z_][A-Za-z0-9_]*=/.exec(rest);
      end = nextArg ? nextArg.index : rest.length;
    } else {
      const shell = /(?:^| )(?=\/bin\/|\/usr\/bin\/|cmd \/S \/C |powershell)/.exec(rest);
      const space = rest.indexOf(' ');
      end = shell ? shell.index : space < 0 ? rest.length : space;
    }
    args[name] = rest.slice(0, end);
    rest = rest.slice(end).replace(/^ /, '');
  }
  return { args, rest };
}

/**
 * Recovers the Dockerfile instruction from a history `created_by`, whichever builder wrote it:
 * classic (`/bin/sh -c #(nop)  CMD ["x"]`, `|1 A=b /bin/sh -c make`), BuildKit (`RUN /bin/sh -c make # buildkit`,
 * `COPY . /app # buildkit`), buildah and kaniko (the classic forms).
 */
export function parseCreatedBy(createdBy: string | undefined): Instruction {
  let text = (createdBy ?? '').trim();
  if (text === '') return { keyword: undefined, text: '', buildArgs: {} };
  text = text.replace(BUILDKIT_SUFFIX, '');
  if (NOP.test(text)) {
    const rest = text.replace(NOP, '').trim();
    const keyword = KEYWORD_AT_START.exec(rest)?.[1]?.toUpperCase();
    return { keyword, text: keyword ? `${keyword}${rest.slice(keyword.length)}` : rest, buildArgs: {} };
  }
  const keyword = KEYWORD_AT_START.exec(text)?.[1]?.toUpperCase();
  if (keyword && keyword !== 'RUN') return { keyword, text: `${keyword}${text.slice(keyword.length)}`, buildArgs: {} };
  const explicitRun = keyword === 'RUN';
  if (explicitRun) text = text.slice(3).trim();
  const { args, rest } = takeBuildArgs(text);
  const shellForm = SHELL_PREFIX.test(rest);
  // Anything else (`Imported from -`, a base image's free text) is no instruction we can name.
  if (!explicitRun && !shellForm && Object.keys(args).length === 0) return { keyword: undefined, text, buildArgs: {} };
  return { keyword: 'RUN', text: `RUN ${rest.replace(SHELL_PREFIX, '')}`, buildArgs: args };
}
