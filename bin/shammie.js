#!/usr/bin/env node
// The package's `bin`: registers tsx so the TypeScript sources run without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../adapters/cli/main.ts');
