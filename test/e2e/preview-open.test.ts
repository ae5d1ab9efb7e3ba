import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnv, cliPath, copyOfMeetings } from '../support/cli.js';

/**
 * `agenda preview` without --no-open hands the browser a page only the clerk can read, not its address:
 * a command line stands in the process list, which every user of the machine reads, and the key would
 * be there. The browser is a script named by BROWSER, which xdg-open runs where there is no desktop.
 */
describe('agenda preview: opening the browser', () => {
  it('puts the key on no command line, and removes the page it opened when it ends', async () => {
    const { dir } = copyOfMeetings();
    const seen = path.join(dir, 'seen.json');
    const browser = path.join(dir, 'browser.sh');
    // It writes down what it was given: its arguments, and the file named, if one is.
    const page = "fs.existsSync(process.argv[1]) ? fs.readFileSync(process.argv[1], 'utf8') : ''";
    const given = `JSON.stringify({ argv: process.argv.slice(1), page: ${page} })`;
    // Written whole, then renamed: the test waits for the file and must never read it half written.
    const record = `const fs = require('fs'); fs.writeFileSync(${JSON.stringify(`${seen}.part`)}, ${given}); fs.renameSync(${JSON.stringify(`${seen}.part`)}, ${JSON.stringify(seen)})`;
    writeFileSync(browser, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} -e ${JSON.stringify(record)} "$1"\n`);
    chmodSync(browser, 0o755);
    const env = cliEnv({ env: { BROWSER: browser, DISPLAY: '', WAYLAND_DISPLAY: '', XDG_CURRENT_DESKTOP: '' }, ownBrowser: true });
    const args = [cliPath, 'preview', '--meetings', 'meetings'];
    const child = spawn(process.execPath, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let file: string;
    try {
      while (!existsSync(seen) && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
      const { argv, page: opened } = JSON.parse(readFileSync(seen, 'utf8')) as { argv: string[]; page: string };
      const url = /http:\/\/\S+\//.exec(stdout)?.[0] ?? 'no address printed';
      const key = new URL(url).pathname.split('/')[1] ?? '';
      expect(key.length).toBeGreaterThan(20);
      expect(argv.join(' ')).not.toContain(key);
      file = argv[0] ?? '';
      expect(opened).toContain(`url=${url}"`);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(existsSync(file)).toBe(false);
  });
});
