import { execFileSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/cli.js';
import { closedFixture, markers } from '../support/markers.js';
import { pdfPages } from '../support/pdf.js';
import { fetchOnce, printed, startPreview, type RunningPreview } from '../support/preview.js';

/**
 * The preview of the closed fixture serves the members' document only to whoever has the address it
 * printed: every user of the machine reaches 127.0.0.1, so without its key, or with a wrong one, no
 * route (page, PDF.js, PDF, event stream) gives anything of the document.
 */
let preview: RunningPreview;
let dir: string;
let key: string;
let origin: string;

const pdfjs = ['pdfjs/pdf.mjs', 'pdfjs/pdf.worker.mjs', 'pdfjs/pdf_viewer.css'];
const routes = ['', 'preview.js', 'preview.css', ...pdfjs, 'document.pdf', 'document.pdf?audience=offentlig', 'events'];

function textOf(pdf: Buffer): string {
  const file = path.join(dir, `read-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return pdfPages(file).join('\n');
}

beforeAll(async () => {
  dir = tempDir();
  cpSync(closedFixture, path.join(dir, 'meetings'), { recursive: true });
  preview = await startPreview(['--meetings', 'meetings'], { cwd: dir });
  const url = new URL(preview.url);
  origin = url.origin;
  key = url.pathname.split('/')[1] ?? '';
});

afterAll(async () => {
  if (preview?.child.exitCode === null) await preview.interrupt();
});

describe('agenda preview: only for whoever has its address', () => {
  it('prints an address with a key of at least 128 random bits', () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]+\/$/);
    expect(Buffer.from(key, 'base64url').length).toBeGreaterThanOrEqual(16);
  });

  it('serves the document, the page and its files with the key', async () => {
    await fetchOnce(`${preview.url}events`, printed);
    const text = textOf((await fetchOnce(`${preview.url}document.pdf`)).body);
    for (const marker of ['XQZSECRET01', 'XQZSECRET02']) expect(text).toContain(marker);
    await fetchOnce(`${preview.url}events?audience=offentlig`, printed);
    for (const route of routes) expect((await fetchOnce(`${preview.url}${route}`)).status, route).toBe(200);
  });

  it('serves nothing of it without the key, or with a wrong one, on any route', async () => {
    const flipped = [...key].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
    const wrongKeys = [`${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`, key.slice(0, 16), `${key}x`, flipped, 'token'];
    const underKey = routes.map((r) => `${key}/${r}`);
    const withWrongKeys = wrongKeys.flatMap((wrong) => [...routes, ...underKey].map((r) => `${origin}/${wrong}/${r}`));
    for (const url of [...routes.map((r) => `${origin}/${r}`), `${origin}/document.pdf?key=${key}`, ...withWrongKeys]) {
      const answer = await fetchOnce(url);
      expect(answer.status, url).toBe(403);
      expect(answer.body.toString('latin1'), url).not.toMatch(/XQZSECRET|%PDF|data:|<html|import /i);
    }
    expect(wrongKeys).not.toContain(key);
  });

  it('sends the key alone on to its folder, where the page names its files', async () => {
    const answer = await new Promise<{ status?: number; location?: string }>((resolve, reject) => {
      const answered = (res: IncomingMessage) => (res.resume(), resolve({ status: res.statusCode, location: res.headers.location }));
      get(`${origin}/${key}?audience=offentlig`, answered).on('error', reject);
    });
    expect(answer).toEqual({ status: 308, location: `/${key}/?audience=offentlig` });
  });

  it.runIf(process.getuid?.() === 0)('gives another user of the machine nothing of it', () => {
    // Another account on the same machine, as on a shared terminal server; it can reach 127.0.0.1 but knows no key.
    const ask = `async (r) => {
      const a = await fetch(${JSON.stringify(origin)} + '/' + r, { signal: AbortSignal.timeout(10000) });
      return a.status + ' ' + (await a.text());
    }`;
    const script = `Promise.all(${JSON.stringify(routes)}.map(${ask})).then((a) => console.log(JSON.stringify(a)))`;
    const asNobody = ['-u', 'nobody', '--', process.execPath, '-e', script];
    const output = execFileSync('runuser', asNobody, { encoding: 'utf8', cwd: '/', timeout: 30_000 });
    const answers = JSON.parse(output) as string[];
    expect(answers).toHaveLength(routes.length);
    for (const answer of answers) expect(answer).toMatch(/^403 not yours/);
    for (const answer of answers) for (const marker of markers) expect(answer).not.toContain(marker);
  });
});
