import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';
import { tempDir } from '../support/cli.js';
import { exampleRoot } from '../support/examples.js';
import { markers, printedMarkers } from '../support/markers.js';
import { pdfPages } from '../support/pdf.js';
import { sharedPackage } from '../support/shared-build.js';

// The package as another program gets it: `npm pack`ed, unpacked into a project of its own with
// only its declared dependencies beside it (linked from ours, as an offline install would), and
// used through `import ... from 'agenda'` alone: a TypeScript program, type-checked against the
// package's declarations, that checks a meeting and builds its members' and public PDFs.

const program = `
import { buildBatch, checkCommittee, ExitCode, InputError, type BatchEvent } from 'agenda';

const report = await checkCommittee('meetings', ['2024-03-06']);
const events: Array<BatchEvent['type']> = [];
const { documents } = await buildBatch(
  { dir: 'meetings', dates: ['2024-03-06', '2024-03-13'], audiences: ['medlemmer', 'offentlig'], outDir: 'pdf' },
  (event) => events.push(event.type),
);
const broken = documents.find((d) => d.error)?.error;
console.log(JSON.stringify({
  checked: { errors: report.errors, files: report.files.length },
  pdfs: documents.flatMap((d) => (d.pdf ? [d.pdf] : [])),
  broken: broken instanceof InputError ? { exitCode: broken.exitCode, invalidInput: ExitCode.invalidInput, finding: broken.findings[0] } : null,
  events: [...new Set(events)],
}));
`;

/** The project: agenda from its tarball in node_modules, its dependencies linked, the closed-content fixture and a broken meeting. */
function projectWithPackage(): string {
  const dir = tempDir('agenda-api-');
  const installed = path.join(dir, 'node_modules', 'agenda');
  mkdirSync(installed, { recursive: true });
  // Packed once for the suite (package.test.ts reads it too).
  execFileSync('tar', ['-xzf', sharedPackage().tarball, '-C', installed, '--strip-components=1']);
  const manifest = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  // What a TypeScript program has beside it: its compiler's view of Node.
  for (const dep of [...Object.keys(manifest.dependencies), '@types/node']) {
    mkdirSync(path.dirname(path.join(dir, 'node_modules', dep)), { recursive: true });
    symlinkSync(path.join(packageRoot, 'node_modules', dep), path.join(dir, 'node_modules', dep));
  }
  cpSync(path.join(exampleRoot(), 'fixtures', 'lukket'), path.join(dir, 'meetings'), { recursive: true });
  writeFileSync(path.join(dir, 'meetings', '2024-03-13.yaml'), 'punkter:\n  - titel: Et punkt\n    lukket: måske\n');
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'a-program', private: true, type: 'module' }));
  const compilerOptions = {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    skipLibCheck: true,
    types: ['node'],
  };
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['program.ts'] }));
  writeFileSync(path.join(dir, 'program.ts'), program);
  return dir;
}

describe('agenda as a library, installed from its packed tarball', () => {
  let dir: string;
  let result: {
    checked: { errors: number; files: number };
    pdfs: string[];
    broken: { exitCode: number; invalidInput: number; finding: { file: string; line: number; path: string } } | null;
    events: string[];
  };

  beforeAll(() => {
    dir = projectWithPackage();
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' });
    result = JSON.parse(execFileSync(process.execPath, ['program.js'], { cwd: dir, encoding: 'utf8' }));
  });

  it('checks a meeting and builds its members’ and public PDFs', () => {
    // udvalg.yaml, faste-punkter.yaml, plan.yaml and the meeting's file.
    expect(result.checked).toEqual({ errors: 0, files: 4 });
    expect(result.pdfs).toEqual(['pdf/2024-03-06-referat.pdf', 'pdf/2024-03-06-referat-offentlig.pdf']);
    // Progress as events: one a document (the fixture has no warnings to tell).
    expect(result.events).toEqual(['document']);
  });

  it('gives the members everything and the public nothing closed', () => {
    const members = pdfPages(path.join(dir, result.pdfs[0]!)).join('\n');
    const publicBytes = readFileSync(path.join(dir, result.pdfs[1]!)).toString('latin1');
    const publicText = pdfPages(path.join(dir, result.pdfs[1]!)).join('\n');
    for (const m of markers) {
      if (printedMarkers.includes(m)) expect(members, m).toContain(m);
      expect(publicText, m).not.toContain(m);
      expect(publicBytes, m).not.toContain(m);
    }
  });

  it('tells a broken meeting as a typed error with the CLI’s findings and exit code', () => {
    expect(result.broken).not.toBeNull();
    expect(result.broken!.exitCode).toBe(result.broken!.invalidInput);
    expect(result.broken!.finding.file).toMatch(/2024-03-13\.yaml$/);
    expect(result.broken!.finding).toMatchObject({ line: 3, path: 'punkter[0].lukket' });
  });
});
