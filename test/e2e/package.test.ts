import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';
import { binPath, tempDir } from '../support/cli.js';
import { pdfInfo } from '../support/pdf.js';
import { sharedPackage } from '../support/shared-build.js';
import { exampleRoot } from '../support/examples.js';

// The package as `npm pack` makes it, packed once for the suite (package-api.test.ts installs it too).

describe('the npm package', () => {
  it('ships what runs and nothing else: no tests, fixtures, sources, benches or source maps; with the library types', () => {
    const { files } = sharedPackage();
    expect(
      files.filter(
        (f) =>
          /^(test|fixtures|src|bench|meetings|dist\/bench)\//.test(f) || f.endsWith('.map') || (f.endsWith('.ts') && !f.endsWith('.d.ts')),
      ),
    ).toEqual([]);
    // The library's type declarations ship beside its JavaScript (package.json `types`).
    expect(files).toContain('dist/src/index.d.ts');
    expect(files).toEqual(
      expect.arrayContaining(['LICENSE', 'README.md', 'package.json', binPath, 'templates/style.css', 'templates/partials/punkt.hbs']),
    );
    expect(readFileSync(path.join(packageRoot, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    // The guides and the reference the README links to, and its picture, so its links hold where agenda is installed.
    expect(files).toEqual(
      expect.arrayContaining([
        'docs/clerk/README.md',
        'docs/install/README.md',
        'docs/develop/README.md',
        'docs/reference/commands.md',
        'docs/reference/yaml.md',
        'docs/images/dagsorden-side.png',
      ]),
    );
  });

  it('installed from its tarball as npm -g lays it out, builds a meeting from any folder', () => {
    // The real `npm install -g` fetches the dependencies from the registry, which a test may not
    // reach: the tarball is unpacked where npm puts it, with the dependencies this checkout has.
    const prefix = tempDir('agenda-prefix-');
    const installed = path.join(prefix, 'lib', 'node_modules', 'agenda');
    mkdirSync(installed, { recursive: true });
    execFileSync('tar', ['-xzf', sharedPackage().tarball, '-C', installed, '--strip-components', '1']);
    symlinkSync(path.join(packageRoot, 'node_modules'), path.join(installed, 'node_modules'));
    mkdirSync(path.join(prefix, 'bin'));
    symlinkSync(path.join(installed, binPath), path.join(prefix, 'bin', 'agenda'));

    const elsewhere = tempDir('agenda-elsewhere-');
    const meetings = path.join(exampleRoot(), 'meetings');
    const run = execFileSync(path.join(prefix, 'bin', 'agenda'), ['build', '2023-11-22', '--meetings', meetings, '--quiet'], {
      cwd: elsewhere,
      encoding: 'utf8',
    });
    expect(run).toBe('out/2023-11-22-dagsorden.pdf\n');
    expect(existsSync(path.join(elsewhere, 'out', '2023-11-22-dagsorden.pdf'))).toBe(true);
    expect(pdfInfo(path.join(elsewhere, 'out', '2023-11-22-dagsorden.pdf')).Title).toBe('Direktionen - Dagsorden 22. november 2023');
  });
});
