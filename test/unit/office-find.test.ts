import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findOfficeConverter } from '../../src/pdf/office/find.js';
import { EnvironmentError } from '../../src/shared/errors.js';
import { packageRoot } from '../../src/shared/paths.js';

/** LibreOffice found as the browser is: the flag, AGENDA_LIBREOFFICE, PATH; each asked its version. */
describe('finding LibreOffice (office/find.ts)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'agenda-office-find-'));
  // The versions told are kept in this cache, not the user's.
  const cached = { XDG_CACHE_HOME: path.join(dir, 'cache') };
  const program = (name: string, script: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
    return file;
  };

  it('takes the flag before the environment variable, and the variable before PATH', async () => {
    const flagged = program('flagged', 'echo "LibreOffice 24.2.1.2 abc"');
    const variable = program('variable', 'echo "LibreOffice 7.4.7.2 40(Build:2)"');
    program('soffice', 'echo "LibreOffice 1.0.0.0 path"');
    expect(await findOfficeConverter(flagged, { ...cached, AGENDA_LIBREOFFICE: variable, PATH: dir })).toEqual({
      program: flagged,
      version: 'LibreOffice 24.2.1.2 abc',
    });
    expect(await findOfficeConverter(undefined, { ...cached, AGENDA_LIBREOFFICE: variable, PATH: dir })).toEqual({
      program: variable,
      version: 'LibreOffice 7.4.7.2 40(Build:2)',
    });
    expect(await findOfficeConverter(undefined, { ...cached, PATH: dir })).toEqual({
      program: path.join(dir, 'soffice'),
      version: 'LibreOffice 1.0.0.0 path',
    });
  });

  it('asks an upgraded program anew, in a process that asked it before', async () => {
    const soffice = program('upgraded', 'echo "LibreOffice 7.4.7.2 40(Build:2)"');
    expect((await findOfficeConverter(soffice, cached))?.version).toBe('LibreOffice 7.4.7.2 40(Build:2)');
    program('upgraded', 'echo "LibreOffice 24.2.1.2 abc"');
    expect((await findOfficeConverter(soffice, cached))?.version).toBe('LibreOffice 24.2.1.2 abc');
  });

  it("asks a program once, not once a command: its version is kept in the user's cache by its file, asked anew when that changes", () => {
    const asks = path.join(dir, 'asks.log');
    const counted = program('counted', `echo asked >> '${asks}'\necho "LibreOffice 7.4.7.2 40(Build:2)"`);
    // A process each, as each command is: this one's memory of an earlier answer is not what is tested.
    const find = path.join(packageRoot, 'dist', 'src', 'pdf', 'office', 'find.js');
    const script =
      'const { findOfficeConverter } = await import(process.argv[1]); console.log((await findOfficeConverter(process.argv[2])).version);';
    const env = { ...process.env, ...cached };
    const version = () =>
      execFileSync(process.execPath, ['--input-type=module', '-e', script, find, counted], { env, encoding: 'utf8' }).trim();
    const asked = () => readFileSync(asks, 'utf8').split('\n').filter(Boolean).length;
    expect([version(), version()]).toEqual(['LibreOffice 7.4.7.2 40(Build:2)', 'LibreOffice 7.4.7.2 40(Build:2)']);
    expect(asked()).toBe(1);
    // Upgraded: the program's file is another.
    program('counted', `echo asked >> '${asks}'\necho "LibreOffice 24.2.1.2 abc"`);
    expect([version(), version()]).toEqual(['LibreOffice 24.2.1.2 abc', 'LibreOffice 24.2.1.2 abc']);
    expect(asked()).toBe(2);
  });

  it('says so where the program named is not there, not a program, or not LibreOffice', async () => {
    const missing = path.join(dir, 'nowhere');
    await expect(findOfficeConverter(missing, cached)).rejects.toThrow(
      new EnvironmentError(
        `no LibreOffice at ${missing} (named by --libreoffice); install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui), or set AGENDA_LIBREOFFICE to its soffice`,
      ),
    );
    await expect(findOfficeConverter(undefined, { ...cached, AGENDA_LIBREOFFICE: dir })).rejects.toThrow(
      /is not a program that can be run/,
    );
    await expect(findOfficeConverter(program('other', 'echo "Something 1.0"'), cached)).rejects.toThrow(
      /did not say its version as LibreOffice does/,
    );
  });

  it('names a program found on PATH that does not tell its version, rather than saying none was found', async () => {
    const onPath = mkdtempSync(path.join(tmpdir(), 'agenda-office-find-path-'));
    writeFileSync(path.join(onPath, 'soffice'), '#!/bin/sh\necho "Something else 1.0"\n', { mode: 0o755 });
    await expect(findOfficeConverter(undefined, { ...cached, PATH: onPath })).rejects.toThrow(
      new EnvironmentError(
        `found ${path.join(onPath, 'soffice')}, but it did not tell its version as LibreOffice does; install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui), or set AGENDA_LIBREOFFICE to its soffice`,
      ),
    );
  });

  it('asks the version as a conversion runs LibreOffice: in a workspace named for this process, removed after, within the limits', async () => {
    const said = path.join(dir, 'version-run.txt');
    const asked = program('asked', `echo "$HOME $(ulimit -v)" > '${said}'\necho "LibreOffice 7.4.7.2 40(Build:2)"`);
    expect(await findOfficeConverter(asked, cached)).toEqual({ program: asked, version: 'LibreOffice 7.4.7.2 40(Build:2)' });
    const [home, memory] = readFileSync(said, 'utf8').trim().split(' ');
    // The name the next run's cleanup knows (profile.ts newProfile), and gone once the version is known.
    expect(path.basename(home ?? '')).toMatch(new RegExp(`^agenda-office-${process.pid}-`));
    expect(existsSync(home ?? '')).toBe(false);
    expect(memory).toBe(String(4 * 1024 ** 2));
  });
});
