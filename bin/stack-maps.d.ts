// Types of bin/stack-maps.js (plain JavaScript: bin/kept.js runs it before anything is compiled).
import type { SourceMap } from 'node:module';
export declare function mapStacksIn(dir: string): void;
export declare function mapFrame(frame: NodeJS.CallSite, prefix: string, mapOf: (url: string) => SourceMap | null): string;
