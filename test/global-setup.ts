import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

/** The end-to-end tests run the CLI as users do, from dist/: compile it, and type-check the tests, before they start. */
export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { stdio: 'inherit' });
  execFileSync(process.execPath, [tsc, '-p', 'test/tsconfig.json'], { stdio: 'inherit' });
}
