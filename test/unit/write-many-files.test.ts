import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';
import { tempDir } from '../support/cli.js';

// An archive's site is tens of thousands of files (some 60 a meeting): publish writes them within the
// open files a process may hold, here the 1,024 of many systems, as the built package runs.
describe('writing a site of many files', () => {
  it('writes 3,000 files where a process may hold 1,024 open', () => {
    const out = path.join(tempDir(), 'site');
    const dist = (file: string) => JSON.stringify(path.join(packageRoot, 'dist', 'src', 'publish', file));
    const script = `
      const { writeSite } = await import(${dist('write.js')});
      const { readPublication } = await import(${dist('state.js')});
      const files = new Map(Array.from({ length: 3000 }, (_, i) => [\`udvalg-\${i % 20}/fil-\${i}.html\`, \`<p>\${i}</p>\`]));
      const log = await writeSite(${JSON.stringify(out)}, files, await readPublication(${JSON.stringify(out)}), { madeFrom: new Map(), judges: { membersName: () => false, agendaPdf: async () => false } });
      console.log(log.written.length);`;
    const run = spawnSync('bash', ['-c', 'ulimit -n 1024 && exec "$0" --input-type=module -e "$1"', process.execPath, script], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('3000');
    expect(readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith('.html'))).toHaveLength(3000);
  });
});
