// One command line kept warm for the tests (docs/develop/test-speed.md): the built CLI (dist/bin/main.js, the bundle
// the bin runs) loaded once, then run once per command as a new `node dist/bin/cli.js` would, without loading and
// compiling its modules again. Shared by the two places it runs: a worker thread that the test's thread waits on
// (cli-worker.mjs, for agenda()) and a process of its own that it does not (cli-process.mjs, for agendaAsync()).
// Plain JavaScript: a worker thread or a child process runs what node runs, not vitest's TypeScript.
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Loads the command line and keeps what it writes: `run` runs one command with the environment given, `written`
 * hands out what it has written since (for a command that ends the thread or process before its result).
 * @param {string} mainFile the URL of dist/bin/main.js
 */
export async function warmCli(mainFile) {
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
  const text = (chunks) => Buffer.concat(chunks.splice(0)).toString('utf8');
  const written = () => ({ stdout: text(output.stdout), stderr: text(output.stderr) });

  /**
   * @param {string[]} args
   * @param {Record<string, string | undefined>} env
   * @returns {Promise<{ status: number, stdout: string, stderr: string }>}
   */
  async function run(args, env) {
    // What an earlier run wrote after its result (a timer it left) is not this run's.
    for (const chunks of Object.values(output)) chunks.splice(0);
    // The run's environment, nothing else. As spawn does, a variable given as undefined is not set (process.env
    // would make it the string 'undefined').
    for (const key of Object.keys(process.env)) if (env[key] === undefined) delete process.env[key];
    for (const [key, value] of Object.entries(env)) if (value !== undefined) process.env[key] = value;
    process.exitCode = undefined;
    const status = await main([process.execPath, mainFile, ...args]);
    // A rejection nothing handled ends a process as it ends: told before the result, it ends the thread or process first.
    await nextTurn();
    return { status, ...written() };
  }
  return { run, written };
}
