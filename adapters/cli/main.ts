import { runCli } from './run-cli.ts';

// The `shammie` command: everything lives in runCli so tests can drive it in-process too.
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  now: () => new Date(),
  random: Math.random,
});
