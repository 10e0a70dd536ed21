import { defineDockerfileRule } from '../rule-domain.js';
import { expandAt } from './util/stages.js';

const PORT_SPEC = /^(\d+)(?:-(\d+))?(?:\/([A-Za-z]+))?$/;
const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);
const MAX_PORT = 65535;

export const validExposePort = defineDockerfileRule({
  meta: {
    id: 'dockerfile/valid-expose-port',
    description: 'EXPOSE only valid ports (0–65535, optional range and tcp/udp/sctp)',
    severity: 'error',
    aliases: ['DL3011'],
    rationale:
      'A port outside 0–65535 makes the build fail (`invalid containerPort`) or, with a host mapping ' +
      '(`8080:80`), is not what EXPOSE does: publishing is decided at run time.',
    differences:
      'hadolint (DL3011) checks the range; shipshape also checks ranges (`8000-8010`, low ≤ high), the protocol ' +
      '(`/tcp`, `/udp`, `/sctp`, any case) and reports host mappings and IPs, which BuildKit warns about ' +
      '(ExposeInvalidFormat). Build arguments and ENV are expanded first; a port only known at build time is not judged.',
    messages: {
      outOfRange: '`{spec}`: port {port} is outside 0–65535',
      badRange: 'the range `{spec}` ends before it starts',
      badProtocol: 'unknown protocol `{protocol}` in `{spec}`: use tcp, udp or sctp',
      hostMapping: '`{spec}` maps a host port or IP: EXPOSE only declares container ports, publishing happens at run time',
      invalid: '`{spec}` is not a port (`80`, `80/udp`, `8000-8010/tcp`)',
    },
    examples: {
      valid: [{ code: 'FROM nginx:1.27\nEXPOSE 80 443/tcp 53/udp 8000-8010\n' }, { code: 'FROM nginx:1.27\nARG PORT\nEXPOSE ${PORT}\n' }],
      invalid: [
        { code: 'FROM nginx:1.27\nEXPOSE 80000\n' },
        { code: 'FROM nginx:1.27\nEXPOSE 8080:80\n' },
        { code: 'FROM nginx:1.27\nENV PORT=70000\nEXPOSE $PORT/tcp 9000-8000 53/icmp\n' },
      ],
    },
  },
  create(context) {
    const { dockerfile } = context.facts;
    return {
      EXPOSE(instruction) {
        for (const word of instruction.args) {
          const expanded = expandAt(dockerfile, word.value, instruction);
          if (expanded.unresolved.length > 0) continue;
          // One word can expand to several (`ENV PORTS="80 443"`).
          for (const spec of expanded.value.split(/\s+/)) {
            if (spec === '') continue;
            const problem = portProblem(spec);
            if (problem) context.report({ ...problem, span: word.span });
          }
        }
      },
    };
  },
});

type PortProblem =
  | { messageId: 'hostMapping' | 'invalid' | 'badRange'; data: { spec: string } }
  | { messageId: 'outOfRange'; data: { spec: string; port: string } }
  | { messageId: 'badProtocol'; data: { spec: string; protocol: string } };

function portProblem(spec: string): PortProblem | undefined {
  const match = PORT_SPEC.exec(spec);
  if (!match) return { messageId: spec.includes(':') ? 'hostMapping' : 'invalid', data: { spec } };
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  for (const port of [low, high]) if (port > MAX_PORT) return { messageId: 'outOfRange', data: { spec, port: String(port) } };
  if (high < low) return { messageId: 'badRange', data: { spec } };
  const protocol = match[3];
  if (protocol !== undefined && !PROTOCOLS.has(protocol.toLowerCase())) return { messageId: 'badProtocol', data: { spec, protocol } };
  return undefined;
}
