#!/usr/bin/env node
// The `sohoa` command: runs the TypeScript CLI through tsx (same engine as the app, in plain Node).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/index.ts');
