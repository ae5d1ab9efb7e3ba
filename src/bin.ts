#!/usr/bin/env node
// The `agenda` command: the command line of cli.ts, run once, its exit code the process's.
import { main } from './cli.js';

process.exitCode = await main(process.argv);
