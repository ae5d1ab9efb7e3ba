// The CLI kept warm for the tests (test/support/cli.ts, docs/develop/test-speed.md): a worker thread that loads the
// built command line (dist/bin/main.js, the bundle the bin runs) once and runs one command at a time, as a new
// `node dist/bin/cli.js` would, without loading and compiling its modules again for every run.
// The test's thread is blocked meanwhile (Atomics.wait on `done`); it takes the result from `port`.
// Plain JavaScript: a worker thread runs what node runs, not vitest's TypeScript.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { workerData } from 'node:worker_threads';

// done[0]: 1 once a result is on the port; done[1]: 1 once this worker has ended.
/** @type {{ done: Int32Array, port: import('node:worker_threads').MessagePort, main: string }} */
const { done, port, main: mainFile } = workerData;
/** @type {{ main: (argv: string[]) => Promise<number> }} */
const { main } = await import(mainFile);

const output = { stdout: [], stderr: [] };
for (const name of /** @type {const} */ (['stdout', 'stderr'])) {
  // What the command writes is kept for its result; a callback is called as a pipe's would be, once written.
  process[name].write = (chunk, encoding, callback) => {
    output[name].push(
      typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk),
    );
    const written = typeof encoding === 'function' ? encoding : callback;
    if (written) process.nextTick(written);
    return true;
  };
}

/** The error that ends the worker, as node would print it before it exits a crashed process (status 1). */
let crash;
process.on('uncaughtExceptionMonitor', (err) => (crash = err));

/** Hands the run's result to the test's thread and wakes it; `ended` tells it this worker is gone. */
function finish(status, ended = false) {
  const text = (chunks) => Buffer.concat(chunks.splice(0)).toString('utf8');
  const stderr = text(output.stderr) + (crash ? `${crash instanceof Error ? crash.stack : String(crash)}\n` : '');
  port.postMessage({ status, stdout: text(output.stdout), stderr });
  if (ended) Atomics.store(done, 1, 1);
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
}

// A command that calls process.exit(), or a crash, ends this worker as it would end the process: the test's thread
// gets the exit code, and starts a new worker for the next run.
process.on('exit', (code) => finish(code, true));

port.on('message', async ({ args, env }) => {
  // What an earlier run wrote after its result (a timer it left) is not this run's.
  for (const chunks of Object.values(output)) chunks.splice(0);
  // The run's environment, nothing else: this thread's process.env is its own copy. As spawn does, a variable
  // given as undefined is not set (process.env would make it the string 'undefined').
  for (const key of Object.keys(process.env)) if (env[key] === undefined) delete process.env[key];
  for (const [key, value] of Object.entries(env)) if (value !== undefined) process.env[key] = value;
  process.exitCode = undefined;
  const status = await main([process.execPath, mainFile, ...args]);
  // A rejection nothing handled ends a process as it ends: told before the result, it ends this worker first (above).
  await nextTurn();
  finish(status);
});
