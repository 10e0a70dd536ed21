import { defineImageRule } from '../rule-domain.js';

/** Whether a config `User` (`name`, `uid`, `name:group`, `uid:gid`) runs as root. */
export function isRootUser(user: string): boolean {
  const name = user.split(':')[0]!.trim();
  return name === '' || name === 'root' || /^0+$/.test(name);
}

export const noRootUser = defineImageRule({
  meta: {
    id: 'image/no-root-user',
    description: 'The image runs as a non-root user',
    severity: 'warning',
    messages: {
      noUser: 'the image sets no USER, so its processes run as root',
      rootUser: 'the image runs as `{user}`, which is root',
    },
    links: [{ measures: 'dockerfile/no-root-user', scope: 'image' }],
    aliases: ['CIS-DI-0001'],
    rationale:
      'A container that runs as root is root on the host the moment it escapes (a kernel or runtime bug, a ' +
      'mounted socket, a privileged flag). Set `USER` to an unprivileged user in the final stage, and give it the ' +
      'files it must write with `COPY --chown`.',
    differences:
      'dockle (CIS-DI-0001) reads the same config field; `dockerfile/no-root-user` checks the Dockerfile, this ' +
      'rule the image as built, whatever built it (a base image\'s USER counts).',
  },
  create({ facts: image, report }) {
    return {
      end() {
        const user = image.runtime.user;
        if (!isRootUser(user)) return;
        const lastUser = [...image.history].reverse().find((line) => line.instruction.keyword === 'USER');
        const where = lastUser ? { instruction: lastUser.instruction.text } : {};
        if (user === '') report({ messageId: 'noUser', ...where });
        else report({ messageId: 'rootUser', data: { user }, ...where });
      },
    };
  },
});
