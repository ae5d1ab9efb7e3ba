// npm run page-image: docs/images/dagsorden-side.png, the picture of a page in README.md: the first
// item's page of the example agenda (meetings/2023-11-22.yaml), as the built CLI prints it, drawn by
// poppler's pdftoppm at 60 dpi (some 60 kB). Run it after `npm run build` when the print changes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The repository; not from import.meta.dirname, which Node has only from 20.11 (package.json allows 20).
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(path.join(tmpdir(), 'agenda-page-image-'));
try {
  const pdf = path.join(work, 'dagsorden.pdf');
  execFileSync(process.execPath, [path.join(root, 'dist/bin/cli.js'), 'build', '2023-11-22', '--out', pdf, '--quiet'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // Page 3: the front page and the contents come first.
  const image = path.join(root, 'docs/images/dagsorden-side');
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '3', '-l', '3', '-singlefile', pdf, image], { stdio: 'inherit' });
  process.stdout.write(`wrote ${path.relative(root, image)}.png\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
