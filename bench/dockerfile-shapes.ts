// Large Dockerfiles of every instruction kind and shape, generated to a target size, for the growth
// benchmark and the linear-time tests: each shape repeats one unit of text, so doubling the size doubles
// exactly the thing a superlinear path would scan again.

export interface DockerfileShape {
  name: string;
  /** A Dockerfile of about `bytes` bytes (never less). */
  generate(bytes: number): string;
}

/** `head`, then `unit(i)` for i = 0, 1, … until the text reaches `bytes`, then `tail`. */
function repeated(bytes: number, head: string, unit: (i: number) => string, tail = ''): string {
  const parts = [head];
  let size = head.length + tail.length;
  for (let i = 0; size < bytes; i++) {
    const part = unit(i);
    parts.push(part);
    size += part.length;
  }
  parts.push(tail);
  return parts.join('');
}

/** `depth` nested command substitutions: `$(echo $(echo … x))`. */
function nestedSubstitution(depth: number): string {
  return `${'$(echo '.repeat(depth)}x${')'.repeat(depth)}`;
}

export const shapes: readonly DockerfileShape[] = [
  {
    name: 'many single-command RUNs',
    generate: (bytes) => repeated(bytes, 'FROM debian:12\n', (i) => `RUN apt-get install -y package-${i}\n`),
  },
  {
    name: 'many multi-line RUNs',
    generate: (bytes) =>
      repeated(bytes, 'FROM debian:12\n', (i) => `RUN mkdir -p /opt/app${i} \\\n    /var/log/app${i}\nRUN touch /opt/app${i}/ready\n`),
  },
  {
    name: 'one RUN with long continuations',
    generate: (bytes) =>
      repeated(bytes, 'FROM debian:12\nRUN set -eux; \\\n', (i) => `    apt-get install -y --no-install-recommends package-${i}; \\\n`, '    true\n'),
  },
  {
    name: 'one RUN with a long heredoc',
    generate: (bytes) => repeated(bytes, 'FROM debian:12\nRUN <<EOF\nset -eux\n', (i) => `echo "line ${i}" >> /tmp/out-$HOME\n`, 'EOF\n'),
  },
  {
    name: 'many heredoc RUNs',
    generate: (bytes) => repeated(bytes, 'FROM debian:12\n', (i) => `RUN <<EOF bash\necho ${i}\nEOF\nCOPY <<EOF /etc/file${i}\nvalue ${i}\nEOF\n`),
  },
  {
    name: 'many stages with COPY --from',
    generate: (bytes) =>
      repeated(bytes, 'FROM alpine:3.20 AS stage0\nRUN echo 0 > /out\n', (i) => `FROM alpine:3.20 AS stage${i + 1}\nCOPY --from=stage${i} /out /out${i}\nRUN cat /out${i}\n`),
  },
  {
    name: 'many ARG and ENV',
    generate: (bytes) => repeated(bytes, 'ARG BASE=debian:12\nFROM $BASE\n', (i) => `ARG VERSION_${i}=1.${i}\nENV PATH_${i}=/opt/v\${VERSION_${i}}/bin:\$PATH\n`),
  },
  {
    name: 'ENV read by every RUN',
    generate: (bytes) => repeated(bytes, 'FROM debian:12\n', (i) => `ENV PKG_${i}=tool-${i}\nRUN cd /opt/$PKG_${i} && apt-get install -y $PKG_${i}\n`),
  },
  {
    name: 'a chain of stages',
    generate: (bytes) => repeated(bytes, 'FROM alpine:3.20 AS s0\n', (i) => `FROM s${i} AS s${i + 1}\nENV V${i}=$V${Math.floor(i / 2)}\nRUN cd /x$V${i}\n`),
  },
  {
    name: 'many COPY and ADD',
    generate: (bytes) =>
      repeated(bytes, 'FROM node:20\nWORKDIR /app\n', (i) => `COPY --chown=node:node src/file${i}.js ./src/\nADD https://example.com/a${i}.tgz /tmp/\n`),
  },
  {
    name: 'one long line',
    generate: (bytes) => repeated(bytes, 'FROM debian:12\nRUN echo ', (i) => `word${i} `, '\n'),
  },
  {
    name: 'many comments and suppressions',
    generate: (bytes) => repeated(bytes, 'FROM debian:12\n', (i) => `# hadolint ignore=DL3008\n# a note about step ${i}\nRUN apt-get install -y p${i} && rm -rf /var/lib/apt/lists/*\n`),
  },
  {
    name: 'deep $(...) nesting in a RUN',
    generate: (bytes) => repeated(bytes, 'FROM debian:12\n', () => `RUN echo ${nestedSubstitution(200)}\n`),
  },
  {
    name: 'one RUN nested as deep as it is long',
    generate: (bytes) => `FROM debian:12\nRUN echo ${nestedSubstitution(Math.ceil(bytes / 8))}\n`,
  },
  {
    name: 'many && in one RUN',
    generate: (bytes) => repeated(bytes, 'FROM debian:12\nRUN true', (i) => ` && echo ${i}`, '\n'),
  },
  {
    name: 'many labels, ports and metadata',
    generate: (bytes) =>
      repeated(bytes, 'FROM debian:12\n', (i) => `LABEL org.example.key${i}="value ${i}"\nEXPOSE ${1024 + (i % 60000)}\nHEALTHCHECK CMD curl -f http://localhost/${i}\n`, 'USER nobody\nCMD ["app"]\n'),
  },
  {
    name: 'many relative WORKDIR and ENTRYPOINT',
    generate: (bytes) => repeated(bytes, 'FROM debian:12\n', (i) => `WORKDIR dir${i}\nENTRYPOINT run ${i}\n`),
  },
  {
    name: 'many secrets and lone updates',
    generate: (bytes) =>
      repeated(bytes, 'FROM debian:12\n', (i) => `ARG API_TOKEN_${i}\nENV DB_PASSWORD_${i}=x\nRUN apt-get update\nCOPY . .\nRUN npm install --include=dev\n`),
  },
  {
    name: 'many empty continuation lines',
    generate: (bytes) => repeated(bytes, 'FROM debian:12\n', (i) => `RUN echo ${i} \\\n\n    done\n`),
  },
  {
    name: 'many COPYs each followed by a chown',
    generate: (bytes) =>
      repeated(bytes, 'FROM node:20\nWORKDIR /app\n', (i) => `COPY conf${i}.json /app/conf/\nRUN chown -R node:node /app/conf/conf${i}.json\nWORKDIR /srv/d${i}\nCOPY . .\nRUN chown -R node:node /srv/d${i}\n`),
  },
  {
    name: 'many USER switches',
    generate: (bytes) => repeated(bytes, 'FROM debian:12\nARG NAME=app\n', (i) => `USER \${NAME}${i}\nRUN id\nUSER root\n`),
  },
  {
    name: 'backtick escape and ONBUILD',
    generate: (bytes) => repeated(bytes, '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n', (i) => `ONBUILD RUN echo ${i} \`\n    more${i}\n`),
  },
];

/** The single-command-RUN shape: the input the time-per-MB targets are measured on. */
export function manyRuns(bytes: number): string {
  return shapes[0]!.generate(bytes);
}
