// The preview's part of npm run bench (alone: npm run bench -- preview): how soon a save shows on the
// page, and whether its memory stands still over a long session.
//
//   (j) save to updated page: the meeting file's title written, until the preview page, open in
//       Chromium, shows the new document; median and 95th percentile over 20 edits
//   (k) the preview's memory (agenda and its browser, proportional set size) after 20 and after 200 edits
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import puppeteer from 'puppeteer-core';
import { packageRoot } from '../src/shared/paths.js';
import { tempDir } from '../test/support/cli.js';
import { nextShown, shown, startPreview } from '../test/support/preview.js';
import { treeMemory } from './memory.js';

// eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- the index is within 0..length-1, and there are always latencies
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)]!;

export async function previewBench(browser: string): Promise<void> {
  const dir = tempDir('agenda-bench-preview-');
  const meetings = path.join(dir, 'meetings');
  cpSync(path.join(packageRoot, 'meetings'), meetings, { recursive: true });
  const file = path.join(meetings, '2023-11-22.yaml');
  const original = readFileSync(file, 'utf8');
  const titled = (n: number) => original.replace('  - fast: økonomi\n', `  - fast: økonomi\n    titel: Økonomi, udgave ${n}\n`);
  writeFileSync(file, titled(0));
  const preview = await startPreview(['2023-11-22', '--meetings', meetings, '--browser', browser], { cwd: dir });
  const viewer = await puppeteer.launch({ executablePath: browser, headless: true, args: ['--no-sandbox'] });
  try {
    const page = await viewer.newPage();
    await page.setViewport({ width: 1000, height: 800 });
    await page.goto(preview.url);
    let before = await nextShown(page, '');
    const latencies: number[] = [];
    const memory: Record<number, number> = {};
    for (let edit = 1; edit <= 200; edit++) {
      const saved = performance.now();
      writeFileSync(file, titled(edit));
      before = await nextShown(page, before);
      if (edit <= 20) latencies.push(performance.now() - saved);
      // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- the preview is running, so it has a pid
      if (edit === 20 || edit === 200) memory[edit] = await settledMemory(preview.child.pid!);
    }
    // The 201st version (the start's and one an edit), made from the last change the preview saw.
    if (!(await shown(page)).startsWith('medlemmer 201 ')) throw new Error(`the page shows ${await shown(page)} after 200 edits`);
    const ms = (x: number) => `${(x / 1000).toFixed(2)} s`;
    console.log(
      `(j) save to updated page, 20 edits: median ${ms(quantile(latencies, 0.5))}, 95th percentile ${ms(quantile(latencies, 0.95))}  (runs: ${latencies.map((l) => (l / 1000).toFixed(2)).join(', ')})`,
    );
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- both were measured in the loop (edits 20 and 200)
    const [m20, m200] = [memory[20]! / 1024, memory[200]! / 1024];
    console.log(
      `(k) preview's memory, agenda and its browser: ${m20.toFixed(0)} MB after 20 edits, ${m200.toFixed(0)} MB after 200 (${(((m200 - m20) / m20) * 100).toFixed(0)} %)`,
    );
  } finally {
    await viewer.close();
    await preview.interrupt();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The memory once the last rebuild's garbage has had a moment to go. */
async function settledMemory(pid: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 2000));
  return treeMemory(pid);
}
