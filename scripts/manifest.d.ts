// Types of scripts/manifest.js for the tests that call it.
export declare const DEV_ORIGIN: string;
export declare function releaseOrigin(raw: string | undefined): string;
export declare function manifestVersion(version: string): string;
export declare function releaseManifest(template: string, release: { origin: string; id: string; version: string }): string;
