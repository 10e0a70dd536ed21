import { createColors } from 'picocolors';
import { allRuleMetas } from '../../rules.js';
import type { Format } from '../formats.js';
import { wantsColor } from '../output.js';

export function rulesCommand(flags: { format: Format; color: boolean }): number {
  const metas = allRuleMetas().sort((a, b) => (a.id < b.id ? -1 : 1));
  if (flags.format === 'json') {
    const rows = metas.map((m) => ({
      id: m.id,
      severity: m.severity,
      fixable: m.fixable ?? null,
      aliases: m.aliases ?? [],
      description: m.description,
    }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const colors = createColors(wantsColor(flags.color));
  const width = Math.max(...metas.map((m) => m.id.length));
  for (const meta of metas) {
    const fixable = meta.fixable ? `fix:${meta.fixable}` : '';
    const aliases = meta.aliases?.join(',') ?? '';
    process.stdout.write(
      `${meta.id.padEnd(width)}  ${meta.severity.padEnd(7)}  ${fixable.padEnd(10)}  ${aliases.padEnd(12)}  ${colors.dim(meta.description)}\n`,
    );
  }
  return 0;
}
