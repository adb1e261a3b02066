import type { CliIO } from '../../src/cli/command';

/** A CliIO that records what the CLI prints, for tests. */
export function recordingIO(cwd: string, now = new Date()): CliIO & { out: string[]; err: string[]; stdoutText(): string; stderrText(): string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    stdoutText: () => out.join(''),
    stderrText: () => err.join(''),
    now: () => now,
    cwd,
    version: 'test',
    lang: 'both',
  };
}
