// Types of bin/build.js (plain JavaScript: bin/kept.js runs it before anything is compiled).
export declare const root: string;
export declare const distDir: string;
export declare function currentBuild(at?: {
  root: string;
  distDir: string;
}): { entry: string; stale?: undefined } | { stale: string; entry?: undefined };
export declare function build(): Promise<{ entry: string; ms: number }>;
export declare const bundledPackages: readonly string[];
export declare function packagesIn(files: string[]): string[];
