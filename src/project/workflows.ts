// The builds GitHub Actions workflows declare: `docker/build-push-action` steps (`context`, `file`, `target`,
// `build-args`, `build-contexts`; `file` is relative to the checkout, as the action runs buildx there) and build
// command lines in `run:` steps, run in the step's `working-directory`. `${{ … }}` expressions are not evaluated:
// a value that holds one is reported as written.

import { readFileSync } from 'node:fs';
import type * as Yaml from 'yaml';
import { readCommandLines } from './command-line.js';
import { joinWritten, type Written } from './paths.js';
import { addCommandLines, type ScriptFindings } from './scripts.js';
import { isUnresolved } from './types.js';
import { loadYaml, plainDocument } from './yaml.js';

function written(value: unknown): Written | undefined {
  if (typeof value === 'object' && value !== null && 'unresolved' in value) return value as Written;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  // `{{defaultContext}}:dir` is build-push-action's name for a directory of the Git context.
  const text = String(value).trim().replace(/^\{\{\s*defaultContext\s*\}\}(:|$)/, (_, colon: string) => (colon ? '' : '.')) || '.';
  return text.includes('${{') ? { unresolved: text } : text;
}

/** `K=V` lines (or a list of them) as a map; values kept as written. */
function lines(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const items = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split('\n') : [];
  for (const item of items) {
    const text = item.trim();
    const equals = text.indexOf('=');
    if (equals > 0) out[text.slice(0, equals)] = text.slice(equals + 1);
  }
  return out;
}

function map(node: unknown): Record<string, unknown> | undefined {
  return node && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>) : undefined;
}

/** Adds the builds of one workflow file; `root` is the repository the workflow checks out. */
export function workflowBuilds(file: string, root: string, findings: ScriptFindings): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    findings.notes.push({ file, message: `cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'}): its builds are not known` });
    return;
  }
  if (!/docker|podman|buildah/.test(text)) return;
  const loaded = loadYaml(text, file);
  if ('note' in loaded) {
    findings.notes.push(loaded.note);
    return;
  }
  const { doc, lineCounter } = loaded;
  const lineOf = (node: Yaml.Node | undefined): number => (node?.range ? lineCounter.linePos(node.range[0]).line : 0);
  const plain = plainDocument(doc, file);
  if ('note' in plain) {
    findings.notes.push(plain.note);
    return;
  }
  const workflow = map(plain.data);
  const jobs = map(workflow?.jobs);
  if (!jobs) return;
  const workflowDirectory = written(map(map(workflow?.defaults)?.run)?.['working-directory']);
  for (const [jobName, jobValue] of Object.entries(jobs)) {
    const job = map(jobValue);
    const steps = Array.isArray(job?.steps) ? job.steps : [];
    const jobDirectory = written(map(map(job?.defaults)?.run)?.['working-directory']) ?? workflowDirectory;
    // `actions/checkout` with `path:` puts the repository in a subdirectory of the workspace.
    const checkouts: string[] = [];
    const inRepository = (path: Written | undefined): Written | undefined => {
      if (typeof path !== 'string') return path;
      const normalized = path.replace(/^\.\//, '');
      const checkout = checkouts.find((prefix) => normalized === prefix || normalized.startsWith(prefix + '/'));
      return checkout === undefined ? path : normalized.slice(checkout.length + 1) || '.';
    };
    steps.forEach((stepValue, index) => {
      const step = map(stepValue);
      if (!step) return;
      const checkoutPath = /^actions\/checkout@/.test(String(step.uses)) ? written(map(step.with)?.path) : undefined;
      if (typeof checkoutPath === 'string' && checkoutPath !== '.') checkouts.push(checkoutPath.replace(/^\.\//, '').replace(/\/$/, ''));
      const stepNode = doc.getIn(['jobs', jobName, 'steps', index], true) as Yaml.Node | undefined;
      const name = `job ${jobName}${typeof step.name === 'string' ? `, step ${step.name}` : ''}`;
      const uses = typeof step.uses === 'string' ? step.uses : '';
      if (/^docker\/build-push-action@/.test(uses)) {
        const inputs = { ...map(step.with) };
        for (const key of ['context', 'file']) if (inputs[key] !== undefined) inputs[key] = inRepository(written(inputs[key]));
        buildPushAction(inputs, root, { kind: 'workflow', file, name, line: lineOf(stepNode) }, findings);
      } else if (/^docker\/bake-action@/.test(uses)) {
        const files = map(step.with)?.files;
        const names = Array.isArray(files) ? files.map(String) : typeof files === 'string' ? files.split(/[\n,]/) : [];
        for (const bakeFile of names.map((n) => n.trim()).filter((n) => n !== '' && !n.includes('${{'))) {
          const path = joinWritten(root, bakeFile);
          if (typeof path === 'string') findings.bakeFiles.push(path);
        }
      } else if (typeof step.run === 'string') {
        const runNode = doc.getIn(['jobs', jobName, 'steps', index, 'run'], true) as Yaml.Scalar | undefined;
        const block = runNode?.type === 'BLOCK_LITERAL' || runNode?.type === 'BLOCK_FOLDED';
        const first = lineOf(runNode) + (block ? 1 : 0);
        const directory = inRepository(written(step['working-directory']) ?? jobDirectory);
        const cwd = directory === undefined ? root : joinWritten(root, directory);
        addCommandLines(readCommandLines(step.run), [cwd], (line) => ({ kind: 'workflow', file, name, line: first + line - 1 }), findings);
      }
    });
  }
}

function buildPushAction(inputs: Record<string, unknown>, root: string, source: { kind: 'workflow'; file: string; name: string; line: number }, findings: ScriptFindings): void {
  const contextWritten = written(inputs.context);
  // Without `context` the action builds the Git context: the repository at the workflow's commit.
  const context = contextWritten === undefined ? root : joinWritten(root, contextWritten);
  const fileWritten = written(inputs.file);
  const dockerfile = fileWritten === undefined ? joinWritten(context, 'Dockerfile') : joinWritten(root, fileWritten);
  if (isUnresolved(dockerfile)) {
    findings.notes.push({ file: source.file, message: `line ${source.line}: build-push-action: Dockerfile ${dockerfile.unresolved} is not resolved (a workflow expression)` });
    return;
  }
  const target = written(inputs.target);
  findings.builds.push({
    dockerfile,
    context,
    ...(target !== undefined && { target }),
    args: lines(inputs['build-args']),
    additionalContexts: lines(inputs['build-contexts']),
    source,
  });
}
