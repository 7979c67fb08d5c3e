#!/usr/bin/env node
// The `kept` command. Kept is written in TypeScript and runs through tsx's loader, so
// there is no build step (and no stale dist/) between the source and what runs.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/kept.ts');
process.exitCode = await main(process.argv.slice(2));
