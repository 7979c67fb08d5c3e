#!/usr/bin/env node
// The `kept` command. Kept is written in TypeScript and runs through tsx's loader, so
// there is no build step (and no stale dist/) between the source and what runs.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/kept.ts');
const code = await main(process.argv.slice(2));
// Exit explicitly: with tsx's loader registered, an exitCode set here was lost (every run
// exited 0). stdout and stderr are synchronous for files and pipes on Linux, so nothing is cut.
process.exit(code);
