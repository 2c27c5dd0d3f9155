#!/usr/bin/env node
// The published `platform-kit` bin: the CLI runs from its TypeScript sources through tsx's loader,
// so there is no build step between a checkout and a working command.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/main.ts');
await runCli();
