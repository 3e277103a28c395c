#!/usr/bin/env node
import { runCli } from './run-cli.js';

// The only file that touches the process: everything else returns results (STYLE habit 14).
const output = runCli(process.argv.slice(2), process.env);
process.stdout.write(output.stdout);
process.stderr.write(output.stderr);
process.exitCode = output.exitCode;
