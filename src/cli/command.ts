import type { OptionDef, ParsedArgs } from './args';
import { MSG, say, type Bilingual, type CommandHelp, type MessageLang } from './messages';

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  now(): Date;
  cwd: string;
  version: string;
  /** Language of messages; both until a --lang switch for messages exists. */
  lang: MessageLang;
}

export const info = (io: CliIO, m: Bilingual) => io.stdout(say(m, io.lang) + '\n');
export const error = (io: CliIO, m: Bilingual) => io.stderr(say(MSG.error(m), io.lang) + '\n');
/** A follow-up line to an error, on stderr without the "Lỗi:" prefix. */
export const hint = (io: CliIO, m: Bilingual) => io.stderr(say(m, io.lang) + '\n');

/** One entry of the command table: its help, its options and what it does. */
export interface Command {
  help: CommandHelp;
  options: Record<string, OptionDef>;
  /** Returns the exit code; throws UsageError for a bad command line (exit 2). */
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}
