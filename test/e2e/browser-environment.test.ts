import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnv, cliPath, copyOfMeetings } from '../support/cli.js';
import { pdfPages } from '../support/pdf.js';
import { startPreview } from '../support/preview.js';
import { commandLine, descendantsOf } from '../support/processes.js';

/** What the shell of a clerk who sends holds: the mail server's login, and secrets of other programs. */
const secrets = {
  AGENDA_SMTP_HOST: 'XQZENV01.example.dk',
  AGENDA_SMTP_USER: 'XQZENV02',
  AGENDA_SMTP_PASSWORD: 'XQZENV03',
  AWS_SECRET_ACCESS_KEY: 'XQZENV04',
  GITHUB_TOKEN: 'XQZENV05',
};

/**
 * A --browser that writes the environment it was started with beside itself, then runs Chromium: the
 * browser's own process is read at its start, however short it lives.
 */
function recordingBrowser(dir: string): string {
  const browser = path.join(dir, 'recording-chromium');
  writeFileSync(browser, `#!/bin/sh\ncat /proc/$$/environ > '${dir}/environ.'$$\nexec /usr/bin/chromium "$@"\n`);
  chmodSync(browser, 0o755);
  return browser;
}

/** The environments the browser script recorded at its start. */
function recorded(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.startsWith('environ.'))
    .map((f) => readFileSync(path.join(dir, f), 'latin1'));
}

/**
 * Reads, every 50 ms until `child` ends, the environment of every process it started: the guard,
 * the browser, its zygotes, renderers and utility processes. Returns them with their command lines.
 */
function watchEnvironments(child: ChildProcess): Promise<Map<number, { cmdline: string; environ: string }>> {
  const seen = new Map<number, { cmdline: string; environ: string }>();
  const started = descendantsOf(child.pid ?? -1);
  const look = () => {
    for (const pid of started()) {
      try {
        seen.set(pid, { cmdline: commandLine(pid), environ: readFileSync(`/proc/${pid}/environ`, 'latin1') });
      } catch {
        // gone meanwhile
      }
    }
  };
  const timer = setInterval(look, 50);
  return new Promise((resolve) =>
    child.once('exit', () => {
      clearInterval(timer);
      resolve(seen);
    }),
  );
}

function run(args: string[], cwd: string): ChildProcess {
  return spawn(process.execPath, [cliPath, ...args], { cwd, env: cliEnv({ env: secrets, ownBrowser: true }), stdio: 'ignore' });
}

/** Whatever of `secrets` an environment holds. */
function leaked(environ: string): string[] {
  return environ.split('\0').filter((v) => v.includes('XQZENV'));
}

function expectNoSecrets(dir: string, seen: Map<number, { cmdline: string; environ: string }>): void {
  expect(recorded(dir).length).toBeGreaterThan(0);
  expect(recorded(dir).flatMap(leaked)).toEqual([]);
  const browsers = [...seen.values()].filter((p) => p.cmdline.includes('chromium'));
  expect(browsers.length).toBeGreaterThan(0);
  expect([...seen.values()].flatMap((p) => leaked(p.environ))).toEqual([]);
}

/** Waits until the preview serves its first document: the browser has started and printed. */
async function printed(url: string): Promise<void> {
  while ((await fetch(url)).status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
}

describe('the browser gets only the environment it needs', () => {
  it('build: no process it starts holds the mail password or another secret of the shell', async () => {
    const { dir } = copyOfMeetings();
    const child = run(['build', '2023-11-22', '--samlet', '--browser', recordingBrowser(dir), '--out', 'a.pdf'], dir);
    expectNoSecrets(dir, await watchEnvironments(child));
    expect(child.exitCode).toBe(0);
  });

  it('send: building the document to mail, no process it starts holds them', async () => {
    const { dir } = copyOfMeetings();
    const child = run(['send', '2023-11-22', '--dry-run', '--to', 'lene@example.dk', '--browser', recordingBrowser(dir)], dir);
    expectNoSecrets(dir, await watchEnvironments(child));
    expect(child.exitCode).toBe(0);
  });

  it('preview: no process of its lasting browser holds them', async () => {
    const { dir } = copyOfMeetings();
    const preview = await startPreview(['2023-11-22', '--browser', recordingBrowser(dir)], { cwd: dir, env: secrets });
    const seen = watchEnvironments(preview.child);
    await printed(`${preview.url}document.pdf`);
    await preview.interrupt();
    expectNoSecrets(dir, await seen);
  });
});

// Chromium makes its singleton socket in its temporary folder, which is its profile's (launch.ts): under a TMPDIR
// of more than some 30 bytes (every macOS user's is some 48) its path did not fit a socket's address, and the
// browser stopped at its start ("Socket path too long"; agenda: "did not start: ... Target closed").
describe('a temporary folder of a long path (TMPDIR)', () => {
  it("builds, the browser's profile made in /tmp and removed after; nothing left in TMPDIR", () => {
    const { dir } = copyOfMeetings();
    const tmp = path.join(dir, 'Midlertidige filer for mødesekretariatet i Norddjurs');
    mkdirSync(tmp);
    const run = spawnSync(process.execPath, [cliPath, 'build', '2023-11-22', '--out', 'a.pdf'], {
      cwd: dir,
      env: cliEnv({ env: { TMPDIR: tmp }, ownBrowser: true }),
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(pdfPages(path.join(dir, 'a.pdf')).join('\n')).toContain('Onsdag den 22. november 2023');
    expect(readdirSync(tmp)).toEqual([]);
    expect(readdirSync('/tmp').filter((name) => name.startsWith(`agenda-chromium-${run.pid}-`))).toEqual([]);
  });
});
