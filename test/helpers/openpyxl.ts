import { execFileSync } from 'node:child_process';

/**
 * The Python that has openpyxl (Debian's python3-openpyxl lives with the system Python; a pyenv
 * python earlier on PATH may lack it), or undefined. Tests that save files with openpyxl skip
 * loudly without it; CI installs it.
 */
export const OPENPYXL_PYTHON: string | undefined = ['/usr/bin/python3', 'python3'].find((p) => {
  try {
    execFileSync(p, ['-c', 'import openpyxl'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});
