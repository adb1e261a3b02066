import * as fs from 'fs';
import * as path from 'path';
import { XlsxReadError } from '../xlsx/reader';
import { parseArgs, UsageError } from './args';
import { error, hint, type CliIO, type Command } from './command';
import { catalogueCommand } from './commands/catalogue';
import { checkCommand } from './commands/check';
import { fillCommand } from './commands/fill';
import { mergeCommand } from './commands/merge';
import { migrateCommand } from './commands/migrate';
import { samplesCommand } from './commands/samples';
import { templateCommand } from './commands/template';
import { formatCommandHelp, formatMainHelp, MSG } from './messages';

/**
 * `pressdx` over files. Commands live in one table, so check, fill and merge plug in by adding
 * an entry. main never exits the process: it returns the exit code for bin/pressdx.js.
 */
export const COMMANDS: Record<string, Command> = {
  template: templateCommand,
  check: checkCommand,
  fill: fillCommand,
  merge: mergeCommand,
  samples: samplesCommand,
  catalogue: catalogueCommand,
  migrate: migrateCommand,
};

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** The package version, read at run time from package.json beside src/ or dist/. */
export function packageVersion(): string {
  try {
    const pkg: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    if (typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string') return pkg.version;
  } catch {
    // A missing package.json must not stop the tool; the version is only informative.
  }
  return '0.0.0';
}

/**
 * Text from agency files reaches the terminal in messages: control characters (an escape
 * sequence typed into a unit name) and bidirectional overrides are shown as <U+001B>, never
 * interpreted. Line breaks and tabs stay.
 */
export const terminalSafe = (text: string): string =>
  text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);

export function processIO(): CliIO {
  // A reader that stops early (`pressdx check … | head`) closes the pipe: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  return {
    stdout: (text: string) => process.stdout.write(terminalSafe(text)),
    stderr: (text: string) => process.stderr.write(terminalSafe(text)),
    lang: 'both',
    now: () => new Date(),
    cwd: process.cwd(),
    version: packageVersion(),
  };
}

const isHelp = (a: string) => a === '--help' || a === '-h';

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const write = (text: string) => io.stdout(text + '\n');
  const [name, ...rest] = argv;
  const commands = Object.values(COMMANDS).map((c) => c.help);

  if (name === undefined || isHelp(name)) {
    write(formatMainHelp(commands, io.version));
    if (name === undefined) {
      error(io, MSG.noCommand());
      return EXIT.usage;
    }
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    write(io.version);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    error(io, MSG.unknownCommand(name, Object.keys(COMMANDS)));
    hint(io, MSG.seeHelp());
    return EXIT.usage;
  }
  if (rest.some(isHelp)) {
    write(formatCommandHelp(command.help));
    return EXIT.ok;
  }
  try {
    return await command.run(parseArgs(rest, command.options), io);
  } catch (e) {
    if (e instanceof UsageError) {
      error(io, e.text);
      hint(io, MSG.seeHelp(name));
      return EXIT.usage;
    }
    if (e instanceof XlsxReadError) {
      error(io, { vi: e.vi, en: e.en });
      return EXIT.usage;
    }
    // A stack trace helps a developer, not a consolidator: it is shown only when asked for.
    const detail = e instanceof Error ? (process.env.PRESSDX_DEBUG ? e.stack ?? e.message : e.message) : String(e);
    error(io, MSG.unexpected(detail));
    return EXIT.failure;
  }
}
