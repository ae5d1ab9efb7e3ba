// Used by the tests and by npm run bench. What runs in the page is given as text, so this file
// compiles without the browser's types.
import { spawn, type ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { cliEnv, cliPath } from './cli.js';

/** A running `agenda preview`, as a user starts it, and the address it printed. */
export interface RunningPreview {
  url: string;
  child: ChildProcess;
  /** Everything it wrote to stderr so far. */
  stderr: () => string;
  /** Ctrl-C, and its exit code once it has stopped. */
  interrupt: () => Promise<number | null>;
}

export function startPreview(args: string[], opts: { cwd: string; cli?: string; env?: NodeJS.ProcessEnv }): Promise<RunningPreview> {
  const command = [opts.cli ?? cliPath, 'preview', '--no-open', ...args];
  const env = cliEnv({ env: opts.env, ownBrowser: true });
  const child = spawn(process.execPath, command, { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  // 'close': what it wrote as it ended is read by then ('exit' may come before it: shared/wait.ts outputRead).
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const url = /http:\/\/\S+\//.exec(stdout)?.[0];
      if (url) resolve({ url, child, stderr: () => stderr, interrupt: () => (child.kill('SIGINT'), exited) });
    });
    void exited.then((code) => reject(new Error(`agenda preview ended (${code}) before it served: ${stderr}`)));
  });
}

export interface Answer {
  status: number;
  body: Buffer;
}

/** One request; an event stream is read until it has said `enough`, then left. */
export function fetchOnce(url: string, enough = /^data: /m): Promise<Answer> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (enough.test(Buffer.concat(chunks).toString())) res.destroy();
      });
      res.on('close', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

/** An audience's state once its first print is done. */
export const printed = /^data: \{"date":"[\d-]+","version":[1-9]/m;

/**
 * What the page shows of the document: `audience version change`, e.g. `medlemmer 3 2`, the third
 * version of the members' document, made from the files after the second change the preview saw.
 */
export async function shown(page: Page): Promise<string> {
  return String(await page.evaluate("document.body.dataset.shown ?? ''"));
}

/**
 * Waits until the page shows `audience`'s document made from a later change of the files than `before`
 * (any, where `before` was another audience's), and no longer says it is updating; returns what it
 * shows. Not merely another version: one printed from the files as they were before a save, finished
 * after it, is not the save's; nor one of a change seen before the save (a file of an earlier save
 * removed a moment after it, a file caught half-written), which the preview tells as updating.
 */
export async function nextShown(page: Page, before: string, audience = 'medlemmer', timeoutMs = 20_000): Promise<string> {
  const [was = '', , since = '-1'] = before.split(' ');
  const later = `((now) => document.body.dataset.updating === 'false' && now[0] === ${JSON.stringify(audience)} && (${JSON.stringify(was)} !== now[0] || Number(now[2]) > ${Number(since)}))((document.body.dataset.shown ?? '').split(' '))`;
  await page.waitForFunction(later, { polling: 'mutation', timeout: timeoutMs });
  return shown(page);
}

/** The document's text on the page (PDF.js's text layer), spaces made single. */
export async function documentText(page: Page): Promise<string> {
  const text = await page.evaluate("[...document.querySelectorAll('#pages .textLayer')].map((t) => t.textContent).join('\\n')");
  return String(text).replace(/\s+/g, ' ');
}

/** The lines of the problems panel, while it is shown. */
export async function problemLines(page: Page): Promise<string[]> {
  const panel = "document.getElementById('problems')";
  return (await page.evaluate(`${panel}.hidden ? [] : [...${panel}.querySelectorAll('li')].map((li) => li.textContent)`)) as string[];
}

/** The processes `root` started, and theirs, that still run (Linux /proc). */
export function descendants(root: number): number[] {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state !== 'Z') parents.set(Number(name), Number(ppid));
    } catch {
      // gone meanwhile
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
  return tree.slice(1);
}

/** Whether a process runs (not gone, not a zombie waiting to be reaped). */
export function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
