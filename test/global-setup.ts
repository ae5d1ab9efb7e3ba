import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

/**
 * The end-to-end tests run the CLI as users do, from dist/: build it as `npm ci` does, and type-check
 * the tests, before they start. The two run side by side: each is mostly one core's work.
 */
export default async function setup(): Promise<void> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  await Promise.all([run('npm', ['run', '--silent', 'build']), run(process.execPath, [tsc, '-p', 'test/tsconfig.json'])]);
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (status) => (status === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (exit ${status})`))));
  });
}
