import type { SetuidFile } from '../../analyzers/setuid/index.js';
import { globToRegExp, stringListOption, type ImageRule } from './types.js';

export const noSetuid: ImageRule = {
  meta: {
    id: 'image/no-setuid',
    description: 'No setuid or setgid files the application does not need',
    severity: 'info',
    aliases: ['CIS-DI-0008'],
    rationale:
      'A setuid-root binary runs as root whoever starts it: each one is a way from a compromised unprivileged ' +
      'process to root. Few containers need any; remove the bits (`chmod a-s`) or the binaries in the final stage.',
    differences:
      'dockle (CIS-DI-0008) lists them too; this rule reports only files the final filesystem still has, with the ' +
      'layer and instruction that made them, and takes an allow-list.',
    options: { allow: { description: 'Globs of absolute paths to accept (e.g. `/usr/bin/passwd`)', default: [] } },
  },
  check(context) {
    const allowed = stringListOption(context.options, 'allow').map(globToRegExp);
    for (const { layer, path, fact, live } of context.facts<SetuidFile>('setuid')) {
      if (!live || allowed.some((glob) => glob.test(path))) continue;
      const bits = [fact.setuid ? 'setuid' : '', fact.setgid ? 'setgid' : ''].filter(Boolean).join(' and ');
      const owner = fact.setuid ? ` (runs as uid ${fact.uid}${fact.uid === 0 ? ', root' : ''})` : ` (runs with gid ${fact.gid})`;
      context.report({ message: `/${path} is ${bits}${owner}`, layer, path });
    }
  },
};
