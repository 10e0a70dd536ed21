import { canonicalProgramPath, type SetuidFact, type SetuidFile } from '../../analyzers/setuid/index.js';
import { defineImageRule } from '../rule-domain.js';
import { describeLayer, globToRegExp, stringListOption } from './support.js';

/** How many paths a grouped finding names before `and N more`. */
const NAMED_PATHS = 5;

function describeBits(file: SetuidFile): string {
  const bits = [file.setuid ? 'setuid' : '', file.setgid ? 'setgid' : ''].filter(Boolean).join(' and ');
  const owner = file.setuid ? ` (runs as uid ${file.uid}${file.uid === 0 ? ', root' : ''})` : ` (runs with gid ${file.gid})`;
  return `${bits}${owner}`;
}

export const noSetuid = defineImageRule({
  meta: {
    id: 'image/no-setuid',
    description: 'No setuid or setgid files the application does not need',
    severity: 'info',
    messages: {
      unpackaged: '/{path} is {bits}, and no package in its layer installed it',
      packaged: '/{path} is {bits}, a packaged program installed by {installedBy}',
      packagedGroup: '{count} packaged setuid or setgid programs installed by {installedBy}: {named}{more}',
    },
    aliases: ['CIS-DI-0008'],
    rationale:
      'A setuid-root binary runs as root whoever starts it: each one is a way from a compromised unprivileged ' +
      'process to root. Few containers need any; remove the bits (`chmod a-s`) or the binaries in the final stage.',
    differences:
      'dockle (CIS-DI-0008) lists every setuid and setgid file, one line each: a Debian base alone gives eleven ' +
      '(`passwd`, `su`, `mount`, `chage`…). This rule reports only files the final filesystem still has, with the ' +
      'layer and instruction that made them, and takes an allow-list. The programs a distribution installs with ' +
      'these bits are one finding per layer (the count and the first paths): a file counts as such when the same ' +
      'layer holds the package database entry that lists it (dpkg `var/lib/dpkg/info/*.list`, apk ' +
      '`lib/apk/db/installed`; merged-/usr paths such as `/bin/su` for `/usr/bin/su` are the same file). Every ' +
      'other setuid or setgid file gets a finding of its own: a bit set by `chmod u+s`, a binary copied in, a ' +
      'packaged program whose bits a later layer changed, and every file of an image whose package manager ' +
      'keeps no file lists shipshape reads (rpm, distroless).',
    options: { allow: { description: 'Globs of absolute paths to accept (e.g. `/usr/bin/passwd`)' } },
  },
  defaultOptions: { allow: [] as readonly string[] },
  create({ facts: image, options, report }) {
    return {
      end() {
        const allowed = stringListOption(options, 'allow').map(globToRegExp);
        const facts = image.facts<SetuidFact>('setuid');
        const packagedByLayer = new Map<number, Set<string>>();
        for (const { layer, fact } of facts) {
          if (!('packaged' in fact)) continue;
          const packaged = packagedByLayer.get(layer) ?? new Set<string>();
          for (const path of fact.packaged) packaged.add(path);
          packagedByLayer.set(layer, packaged);
        }
        const packagedFiles = new Map<number, { path: string; file: SetuidFile }[]>();
        for (const { layer, path, fact, live } of facts) {
          if ('packaged' in fact || !live || allowed.some((glob) => glob.test(path))) continue;
          if (packagedByLayer.get(layer)?.has(canonicalProgramPath(path))) {
            packagedFiles.set(layer, [...(packagedFiles.get(layer) ?? []), { path, file: fact }]);
          } else {
            report({ messageId: 'unpackaged', data: { path, bits: describeBits(fact) }, layer, path });
          }
        }
        for (const [layer, files] of packagedFiles) {
          const installedBy = describeLayer(image, layer);
          if (files.length === 1) {
            const [{ path, file }] = files as [{ path: string; file: SetuidFile }];
            report({ messageId: 'packaged', data: { path, bits: describeBits(file), installedBy }, layer, path });
            continue;
          }
          const named = files.slice(0, NAMED_PATHS).map(({ path }) => `/${path}`).join(', ');
          const more = files.length > NAMED_PATHS ? ` and ${files.length - NAMED_PATHS} more` : '';
          report({
            messageId: 'packagedGroup',
            data: { count: files.length, installedBy, named, more },
            layer,
            related: files.map(({ path, file }) => ({ layer, path, message: describeBits(file) })),
          });
        }
      },
    };
  },
});
