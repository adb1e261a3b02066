import { MSG, type Bilingual } from './messages';

/**
 * A tiny argument parser: `--name value`, `--name=value` and boolean `--flag`. Each command
 * declares its options, so an unknown or repeated option is an error rather than ignored.
 */

export interface OptionDef {
  /** Whether the option takes a value (`--out FILE`) or is a flag (`--force`). */
  value: boolean;
}

export interface ParsedArgs {
  options: Record<string, string | true>;
  positionals: string[];
}

/** A bad command line: reported with exit code 2. */
export class UsageError extends Error {
  constructor(readonly text: Bilingual) {
    super(text.en);
    this.name = 'UsageError';
  }
}

export function parseArgs(argv: string[], defs: Record<string, OptionDef>): ParsedArgs {
  const msg = MSG;
  const options: Record<string, string | true> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    const def = defs[name];
    if (!def) throw new UsageError(msg.unknownOption(`--${name}`));
    if (name in options) throw new UsageError(msg.repeated(`--${name}`));
    if (!def.value) {
      if (eq >= 0) throw new UsageError(msg.flagWithValue(`--${name}`));
      options[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) value = argv[++i];
    if (value === undefined || value.trim() === '') throw new UsageError(msg.missingValue(`--${name}`));
    options[name] = value;
  }
  return { options, positionals };
}

/** A four-digit year option within [min, max], or a usage error naming the option. */
export function parseYear(option: string, value: string, min: number, max: number): number {
  const n = /^\d{4}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(MSG.badYear(option, value, min, max));
  return n;
}
