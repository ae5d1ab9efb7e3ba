import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

/** The end-to-end tests run the CLI as users do, from dist/: build it as `npm ci` does, and type-check the tests, before they start. */
export default function setup(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'test/tsconfig.json'], { stdio: 'inherit' });
}
