#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx shutong` needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/main/cli.ts');
