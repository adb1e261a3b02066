// Types of scripts/package.js for the tests that call it.
export declare function filesUnder(dir: string): [string, Buffer][];
export declare function packageRelease(webDir: string, outDir: string, version: string): { zipPath: string; manifestPath: string; files: number };
