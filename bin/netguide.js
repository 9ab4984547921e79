#!/usr/bin/env node
import { main } from '../lib/cli/main.js';

const code = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  color: process.stdout.isTTY === true,
  env: process.env,
});
process.exitCode = code;
