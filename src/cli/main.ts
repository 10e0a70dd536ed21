// The command line: argv → options → library call → renderer → exit code. Each command's code is loaded
// only when that command runs, so starting the CLI stays cheap.
import { Command, CommanderError, Option } from 'commander';
import { InputError } from '../core/errors.js';
import { escapeForTerminal } from '../core/terminal-text.js';
import { FAIL_ON_VALUES } from '../core/severity.js';
import { TOOL_VERSION } from '../core/version.js';
import { FORMATS, SBOM_FORMATS } from './formats.js';
import { describeFileError } from './io.js';

function withCommonOptions(command: Command): Command {
  return command
    .addOption(new Option('-f, --format <format>', 'output format (default: terminal, or the config\'s format)').choices(FORMATS))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (default: error)').choices(FAIL_ON_VALUES))
    .option('-c, --config <file>', 'config file (default: nearest .shipshape.yaml, else .hadolint.yaml)')
    .option('-q, --quiet', 'report only findings at or above --fail-on')
    .option('--no-color', 'never colour the output');
}

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('shipshape')
    .description('Make container images small, fast and safe: Dockerfile, build context and image, checked and fixed.')
    .version(TOOL_VERSION)
    .exitOverride()
    .configureOutput({
      outputError: (text, write) => write(`shipshape: ${text.replace(/^error: /, '').trimEnd().split('\n').map(escapeForTerminal).join('\n')}\n`),
    });

  withCommonOptions(
    program
      .command('check')
      .description('the main job: every Dockerfile under DIR (default .) checked and its problems priced')
      .argument('[dir]', 'project directory')
      .option('--image <ref>', 'the image built from DIR: map its layers to the Dockerfile and price each finding (same refs as `image`)')
      .option('--dockerfile <file>', 'with --image or --context and several Dockerfiles: the one meant (default: the only one, or DIR/Dockerfile)')
      .option('--context <dir>', "the Dockerfile's build context, instead of the one the project declares or its COPY sources imply")
      .option('--exclude <glob>', 'leave matching paths out of the search for Dockerfiles (gitignore pattern; repeatable)', (value: string, previous: string[] = []) => [...previous, value])
      .option('--target <stage>', "with --image: the stage the image was built to, as docker build's --target (default: the stage its layers match)")
      .option('--platform <os/arch[/variant]>', 'with --image: the platform to pick from a multi-platform image (default: this machine)')
      .option('--insecure', 'with --image: allow a plain-HTTP (or self-signed) registry')
      .option('--docker-config <file>', 'with --image: Docker config.json with registry credentials (default ~/.docker/config.json)')
      .option('--timeout <seconds>', 'with --image: registry requests: give up on one that has no answer, or whose data stalls, after SECONDS (default 60)')
      .option('--no-cache', "with --image: read every layer even when its analysis is cached")
      .option('--scan', "with --image: the image's known vulnerabilities and end of life too (as `scan`), each at the Dockerfile line that installed it")
      .option('--severity <levels>', 'with --scan: the OSV levels to show, comma-separated: critical, high, medium, low, unknown (default: all)')
      .option('--ignore-unfixed', 'with --scan: leave out vulnerabilities that have no fixed version yet')
      .option('--ignore-file <file>', 'with --scan: vulnerabilities to ignore: id, package, reason, expires (default ./.shipshape-ignore.yaml)')
      .option('--vex <file>', 'with --scan: an OpenVEX document: its not_affected statements suppress findings (repeatable)', (value: string, list: string[] = []) => [...list, value])
      .option('--db-dir <dir>', 'with --scan: the database directory (default $SHIPSHAPE_DB_DIR, db.dir in the config, else ~/.cache/shipshape/db)'),
  ).action(async (dir: string | undefined, flags) => {
    const { checkCommand } = await import('./commands/check.js');
    setExit(await checkCommand(dir, flags));
  });

  withCommonOptions(
    program
      .command('lint')
      .description('Dockerfile rules only; - reads stdin')
      .argument('[files...]', 'Dockerfiles (default ./Dockerfile)')
      .option('--stdin-filename <name>', 'the name to report for stdin'),
  ).action(async (files: string[], flags) => {
    const { lintCommand } = await import('./commands/lint.js');
    setExit(await lintCommand(files, flags));
  });

  withCommonOptions(
    program
      .command('fix')
      .description('apply safe fixes to Dockerfiles (atomically); - reads stdin and prints the fixed text')
      .argument('[files...]', 'Dockerfiles (default ./Dockerfile)')
      .option('--dry-run', 'print a unified diff instead of writing')
      .option('--unsafe', 'also apply fixes that may change behaviour')
      .option('--pin-digests', "ask the final base image's registry for its digest and pin it (network)")
      .option('--insecure', 'with --pin-digests: allow a plain-HTTP registry')
      .option('--timeout <seconds>', 'with --pin-digests: registry requests: give up on one that has no answer, or whose data stalls, after SECONDS (default 60)')
      .option('--stdin-filename <name>', 'the name to report for stdin'),
  ).action(async (files: string[], flags) => {
    const { fixCommand } = await import('./commands/fix.js');
    setExit(await fixCommand(files, flags));
  });

  withCommonOptions(
    program
      .command('context')
      .description('build context of DIR (default .): size, largest entries, what each COPY takes, secrets, .dockerignore advice')
      .argument('[dir]', 'build context directory')
      .option('--dockerfile <file>', 'the Dockerfile whose COPY/ADD to resolve (default DIR/Dockerfile)')
      .option('--list', 'print the paths the builder receives, one per line, in the order find lists them')
      .option('--fix', 'write the tailored .dockerignore')
      .option('--dry-run', 'print the .dockerignore change as a unified diff instead of writing it')
      .option('--unsafe', 'also write entries that a `COPY . .` build might rely on (dependencies, build output)'),
  ).action(async (dir: string | undefined, flags) => {
    const { contextCommand } = await import('./commands/context.js');
    setExit(await contextCommand(dir, flags));
  });

  withCommonOptions(
    program
      .command('image')
      .description('a built image without Docker: layers (docker history with sizes), config, wasted space, caches, secrets')
      .argument('<ref>', 'docker-archive:PATH, oci:DIR[:TAG], oci-archive:PATH, docker://HOST/REPO:TAG (or bare), docker-daemon:NAME')
      .option('--platform <os/arch[/variant]>', 'the platform to pick from a multi-platform image (default: this machine)')
      .option('--insecure', 'allow a plain-HTTP (or self-signed) registry')
      .option('--docker-config <file>', 'Docker config.json with registry credentials (default ~/.docker/config.json)')
      .option('--timeout <seconds>', 'registry requests: give up on one that has no answer, or whose data stalls, after SECONDS (default 60)')
      .option('--files', 'list the files each layer adds, changes and deletes')
      .option('--no-cache', 'read every layer even when its analysis is cached'),
  ).action(async (ref: string, flags) => {
    const { imageCommand } = await import('./commands/image.js');
    setExit(await imageCommand(ref, flags));
  });

  withCommonOptions(
    program
      .command('scan')
      .description('known vulnerabilities of the packages in an image (OSV data from `shipshape db`), and the end of life of its OS and runtimes')
      .argument('<ref>', 'an image reference, as for `image`, or sbom:FILE to scan a CycloneDX or SPDX JSON document without the image')
      .option('--severity <levels>', 'the OSV levels to show, comma-separated: critical, high, medium, low, unknown (default: all)')
      .option('--ignore-unfixed', 'leave out vulnerabilities that have no fixed version yet')
      .option('--ignore-file <file>', 'vulnerabilities to ignore: id, package, reason, expires (default ./.shipshape-ignore.yaml)')
      .option('--vex <file>', 'an OpenVEX document: its not_affected statements suppress findings (repeatable)', (value: string, list: string[] = []) => [...list, value])
      .option('--db-dir <dir>', 'the database directory (default $SHIPSHAPE_DB_DIR, db.dir in the config, else ~/.cache/shipshape/db)')
      .option('--platform <os/arch[/variant]>', 'the platform to pick from a multi-platform image (default: this machine)')
      .option('--insecure', 'allow a plain-HTTP (or self-signed) registry')
      .option('--docker-config <file>', 'Docker config.json with registry credentials (default ~/.docker/config.json)')
      .option('--timeout <seconds>', 'registry requests: give up on one that has no answer, or whose data stalls, after SECONDS (default 60)')
      .option('--no-cache', 'read every layer even when its analysis is cached'),
  ).action(async (ref: string, flags) => {
    const { scanCommand } = await import('./commands/scan.js');
    setExit(await scanCommand(ref, flags));
  });

  program
    .command('sbom')
    .description("a built image's packages as an SBOM: CycloneDX 1.6 or SPDX 2.3 JSON, with purls, licences and the layer of each")
    .argument('<ref>', 'an image, in the same forms as `image`')
    .addOption(new Option('-f, --format <format>', 'document format').choices(SBOM_FORMATS).default('cyclonedx'))
    .option('-o, --output <file>', 'write the document to a file instead of stdout')
    .option('--timestamp <time>', 'creation time to record, ISO 8601 or Unix seconds, for reproducible output (default $SOURCE_DATE_EPOCH, else now)')
    .option('--platform <os/arch[/variant]>', 'the platform to pick from a multi-platform image (default: this machine)')
    .option('--insecure', 'allow a plain-HTTP (or self-signed) registry')
    .option('--docker-config <file>', 'Docker config.json with registry credentials (default ~/.docker/config.json)')
    .option('--timeout <seconds>', 'registry requests: give up on one that has no answer, or whose data stalls, after SECONDS (default 60)')
    .option('-c, --config <file>', 'config file (default: nearest .shipshape.yaml)')
    .option('--no-cache', 'read every layer even when its analysis is cached')
    .action(async (ref: string, flags) => {
      const { sbomCommand } = await import('./commands/sbom.js');
      setExit(await sbomCommand(ref, flags));
    });

  const db = program.command('db').description('the vulnerability database: download OSV exports, import OSV files, show age and counts');
  const withDbOptions = (command: Command): Command =>
    command
      .addOption(new Option('-f, --format <format>', 'output format').choices(['terminal', 'json']).default('terminal'))
      .option('--db-dir <dir>', 'the database directory (default $SHIPSHAPE_DB_DIR, db.dir in the config, else ~/.cache/shipshape/db)')
      .option('-c, --config <file>', 'config file (default: nearest .shipshape.yaml)')
      .option('--no-color', 'never colour the output');
  withDbOptions(
    db
      .command('update')
      .description('download the OSV export of each ecosystem (those named, else those already in the database) and the end-of-life lists')
      .option('-e, --ecosystem <name>', 'an OSV ecosystem to fetch (Debian, Alpine, Ubuntu, npm, PyPI, ...); repeatable', (value: string, list: string[] = []) => [...list, value])
      .option('--osv-url <url>', 'base URL of the OSV exports (default $SHIPSHAPE_OSV_URL, db.osvUrl, else osv-vulnerabilities.storage.googleapis.com)')
      .option('--eol-url <url>', 'base URL of the end-of-life lists (default $SHIPSHAPE_EOL_URL, db.eolUrl, else endoflife.date/api)')
      .option('--no-eol', 'leave the end-of-life lists as they are'),
  ).action(async (flags) => {
    const { dbUpdateCommand } = await import('./commands/db.js');
    setExit(await dbUpdateCommand(flags));
  });
  withDbOptions(
    db
      .command('import')
      .description('add OSV records from files you have: all.zip exports, JSON records, or directories of them (offline)')
      .argument('<inputs...>', 'OSV .zip or .json files, or directories'),
  ).action(async (inputs: string[], flags) => {
    const { dbImportCommand } = await import('./commands/db.js');
    setExit(dbImportCommand(inputs, flags));
  });
  withDbOptions(db.command('status').description('records and age per ecosystem; warns when older than 7 days')).action(async (flags) => {
    const { dbStatusCommand } = await import('./commands/db.js');
    setExit(dbStatusCommand(flags));
  });

  program
    .command('rules')
    .description('list the rules: id, severity, fix, hadolint equivalent')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['terminal', 'json']).default('terminal'))
    .option('--no-color', 'never colour the output')
    .action(async (flags) => {
      const { rulesCommand } = await import('./commands/rules.js');
      setExit(rulesCommand(flags));
    });

  return program;
}

/**
 * A reader that stops early (`shipshape rules | head -1`) closes the pipe: what is left of the output has nowhere
 * to go, which is no error, so the process ends at once and says nothing.
 */
function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

/** Runs the CLI and returns its exit code: 0 clean, 1 findings at or above --fail-on, 2 bad usage or input. */
export async function main(argv: readonly string[]): Promise<number> {
  endQuietlyOnClosedPipe(process.stdout);
  endQuietlyOnClosedPipe(process.stderr);
  let exitCode = 0;
  const program = buildProgram((code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv as string[]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof InputError) {
      process.stderr.write(`shipshape: ${escapeForTerminal(error.message)}\n`);
      return 2;
    }
    // A file-system call no command expected to fail is still the input's problem, said in one line.
    const { path, syscall } = (error ?? {}) as NodeJS.ErrnoException;
    if (typeof path === 'string' && typeof syscall === 'string') {
      process.stderr.write(`shipshape: ${escapeForTerminal(`${path}: ${describeFileError(error)} (${syscall})`)}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`shipshape: internal error: ${escapeForTerminal(message)}\n`);
    if (process.env.SHIPSHAPE_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return 2;
  }
}
