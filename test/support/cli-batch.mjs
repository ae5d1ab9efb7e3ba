// Several commands in one process, one after another (bounded.ts, for fuzz.test.ts's special files and
// house-style-files'): the built CLI loaded once (cli-run.mjs), each command in its own cwd and environment,
// their results written to a file after the last.
// The process then ends by itself only if no command left anything open (a file or FIFO being read, a socket, a
// timer), as a process of each command's own would: the test bounds it, and runs each command alone where it did not.
// A command that takes longer than LIMIT ms ends the batch (exit 1), as a process of its own would be killed.
// Usage: node cli-batch.mjs MAIN_URL CASES.json RESULTS.json LIMIT, CASES.json a list of { args, cwd, env }.
import { readFileSync, writeFileSync } from 'node:fs';
import { warmCli } from './cli-run.mjs';

const [main = '', casesFile = '', resultsFile = '', limit = ''] = process.argv.slice(2);
const cli = await warmCli(main);
const results = [];
for (const { args, cwd, env } of JSON.parse(readFileSync(casesFile, 'utf8'))) {
  process.chdir(cwd);
  const tooLong = setTimeout(() => process.exit(1), Number(limit));
  results.push(await cli.run(args, env));
  clearTimeout(tooLong);
}
writeFileSync(resultsFile, JSON.stringify(results));
// The last command's code is not the batch's: 0, unless something of theirs fails after this (a rejection left).
process.exitCode = 0;
