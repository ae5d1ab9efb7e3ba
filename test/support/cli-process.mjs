// The warm CLI of agendaAsync() (test/support/cli.ts, docs/develop/test-speed.md): a process of its own, started
// with an IPC channel, that runs one command at a time (cli-run.mjs) while the test's thread goes on serving what
// the command needs (a mail server). Being a process, it takes each run's cwd itself, which a worker thread cannot.
import { writeSync } from 'node:fs';
import { warmCli } from './cli-run.mjs';

const cli = await warmCli(process.argv[2]);

// A command that calls process.exit(), or a crash, ends this process as it would end its own: what it wrote goes
// out on the real stdout and stderr (a crash's error after it, printed by node), the test takes them with the exit
// code, and starts a new process for the next run.
const ending = () => {
  const { stdout, stderr } = cli.written();
  writeSync(1, stdout);
  writeSync(2, stderr);
};
process.on('exit', ending);
// The test's process is gone: nothing to answer.
process.on('disconnect', () => {
  process.off('exit', ending);
  process.exit();
});

process.on('message', async ({ args, env, cwd }) => {
  try {
    process.chdir(cwd);
  } catch (error) {
    // As spawn, whose run fails before the command where its cwd is not there: the test is told, the command never runs.
    process.send?.({ refused: error instanceof Error ? error.message : String(error) });
    return;
  }
  process.send?.(await cli.run(args, env));
});
