// The warm CLI of agenda() (test/support/cli.ts, docs/develop/test-speed.md): a worker thread that runs one command
// at a time (cli-run.mjs) while the test's thread is blocked (Atomics.wait on `done`); it takes the result from `port`.
import { workerData } from 'node:worker_threads';
import { warmCli } from './cli-run.mjs';

// done[0]: 1 once a result is on the port; done[1]: 1 once this worker has ended.
/** @type {{ done: Int32Array, port: import('node:worker_threads').MessagePort, main: string }} */
const { done, port, main } = workerData;
const cli = await warmCli(main);

/** The error that ends the worker, as node would print it before it exits a crashed process (status 1). */
let crash;
process.on('uncaughtExceptionMonitor', (err) => (crash = err));

/** Hands the run's result to the test's thread and wakes it; `ended` tells it this worker is gone. */
function finish(result, ended = false) {
  port.postMessage(result);
  if (ended) Atomics.store(done, 1, 1);
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
}

// A command that calls process.exit(), or a crash, ends this worker as it would end the process: the test's thread
// gets the exit code and what was written, and starts a new worker for the next run.
process.on('exit', (status) => {
  const { stdout, stderr } = cli.written();
  finish({ status, stdout, stderr: stderr + (crash ? `${crash instanceof Error ? crash.stack : String(crash)}\n` : '') }, true);
});

// This thread's process.env is its own copy, replaced per run; its cwd is the process's, which the test's thread
// sets while it waits.
port.on('message', async ({ args, env }) => finish(await cli.run(args, env)));
