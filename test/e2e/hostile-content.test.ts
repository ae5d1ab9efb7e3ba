import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings, errorLines } from '../support/cli.js';
import { pdfPages } from '../support/pdf.js';

/** A listener on loopback that counts every connection made to it. */
let server: Server;
let connections = 0;
let port = 0;

beforeAll(async () => {
  server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('a meeting whose text tries to fetch, read files or run code', () => {
  it('prints that text as text, and the browser makes no request at all', () => {
    const url = `http://127.0.0.1:${port}`;
    const hostile = [
      `<img src="file:///etc/passwd">`,
      `<iframe src="${url}/iframe"></iframe>`,
      `<style>body { background: url(${url}/css) }</style>`,
      `<div style="background-image: url(${url}/inline-css)">x</div>`,
      `<script>fetch("${url}/script")</script>`,
      `<link rel="stylesheet" href="${url}/link.css">`,
      `![billede](${url}/markdown.png)`,
      `[klik](javascript:alert(1))`,
      `{{meeting.committee}} {{#each items}}x{{/each}}`,
    ];
    const { dir, meetings } = copyOfMeetings();
    const meeting = path.join(meetings, '2023-11-22.yaml');
    const block = hostile.map((h) => `      ${h}\n`).join('\n');
    writeFileSync(meeting, readFileSync(meeting, 'utf8').replace('      Bilag er vedlagt.\n', `${block}\n      Bilag er vedlagt.\n`));

    const run = agenda(['build', '2023-11-22', '--out', 'a.pdf', '--html', 'a.html'], { cwd: dir });
    expect(errorLines(run.stderr)).toEqual([]);
    expect(run.status).toBe(0);

    expect(connections).toBe(0);
    const text = pdfPages(path.join(dir, 'a.pdf')).join('\n').replace(/\s+/g, ' ');
    expect(text).not.toMatch(/root:.*:0:0:/);
    for (const shown of ['<img src="file:///etc/passwd">', '<script>fetch(', '{{meeting.committee}}', '[klik](javascript:alert(1))']) {
      expect(text).toContain(shown);
    }
    const html = readFileSync(path.join(dir, 'a.html'), 'utf8');
    expect(html).not.toMatch(/<(img|iframe|script|link)\b/i);
    expect(html).not.toMatch(/<div style=/);
    expect(html).not.toContain('href="javascript:');
  });
});
