// Types of scripts/sideload.js for the tests that call it.
export type SideloadStep =
  | { run: string; args: string[]; mayFail?: boolean }
  | { copy: string; to: string }
  | { remove: string };
export declare const WINDOWS_DEVELOPER_KEY: string;
export declare function manifestId(xml: string): string;
export declare function sideloadPlan(
  platform: NodeJS.Platform,
  options: { manifestPath: string; id: string; home?: string },
): { register: SideloadStep[]; unregister: SideloadStep[] } | null;
export declare function sideload(action: 'register' | 'unregister', manifestPath?: string, platform?: NodeJS.Platform, home?: string): boolean;
