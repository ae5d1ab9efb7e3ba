import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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
  // A process each, as each command is: this one's memory of an earlier answer is not what is tested.
  const versionInProcess = (program: string) => {
    const find = path.join(packageRoot, 'dist', 'src', 'pdf', 'office', 'find.js');
    const run =
      'const { findOfficeConverter } = await import(process.argv[1]); console.log((await findOfficeConverter(process.argv[2])).version);';
    const env = { ...process.env, ...cached };
    return execFileSync(process.execPath, ['--input-type=module', '-e', run, find, program], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    }).trim();
  };
  /** How often a fake that writes a line to `log` at each start was started. */
  const timesAsked = (log: string) => readFileSync(log, 'utf8').split('\n').filter(Boolean).length;

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

  it("asks a program once, not once a command: kept in the user's cache by its installation, asked anew when upgraded; a wrapper each time", () => {
    const asks = path.join(dir, 'asks.log');
    // An installation as Debian's: the program a script, soffice.bin beside it, which an upgrade replaces.
    const install = path.join(dir, 'install', 'program');
    mkdirSync(install, { recursive: true });
    const binary = path.join(install, 'soffice.bin');
    const script = (file: string) => writeFileSync(file, `#!/bin/sh\necho asked >> '${asks}'\ncat '${binary}'\n`, { mode: 0o755 });
    const soffice = path.join(install, 'soffice');
    script(soffice);
    writeFileSync(binary, 'LibreOffice 7.4.7.2 40(Build:2)\n');
    const version = (program = soffice) => versionInProcess(program);
    const asked = () => timesAsked(asks);
    expect([version(), version()]).toEqual(['LibreOffice 7.4.7.2 40(Build:2)', 'LibreOffice 7.4.7.2 40(Build:2)']);
    expect(asked()).toBe(1);
    // Upgraded: soffice.bin is another, the script beside it the same file.
    writeFileSync(binary, 'LibreOffice 24.2.1.2 abc\n');
    expect([version(), version()]).toEqual(['LibreOffice 24.2.1.2 abc', 'LibreOffice 24.2.1.2 abc']);
    expect(asked()).toBe(2);
    // A FIFO where each entry is (a script left them): read as none, never waited on.
    const entries = path.join(dir, 'cache', 'agenda', 'libreoffice');
    for (const name of readdirSync(entries).filter((n) => n.endsWith('.json'))) {
      rmSync(path.join(entries, name));
      execFileSync('mkfifo', [path.join(entries, name)]);
    }
    expect(version()).toBe('LibreOffice 24.2.1.2 abc');
    expect(asked()).toBe(3);
    // A wrapper with no installation beside it (snap's multiplexer, a script of the clerk's): its file does not change
    // with the LibreOffice it runs, so it is asked each time.
    const wrapper = path.join(dir, 'wrapper');
    script(wrapper);
    expect([version(wrapper), version(wrapper)]).toEqual(['LibreOffice 24.2.1.2 abc', 'LibreOffice 24.2.1.2 abc']);
    expect(asked()).toBe(5);
  });

  it('asks the program of a macOS bundle once too: it is the binary (no soffice.bin beside it), kept by it and the bundle', () => {
    const asks = path.join(dir, 'asks-mac.log');
    // As LibreOffice.app is laid out: Contents/MacOS/soffice the program itself, Contents/Info.plist its version.
    const bundle = path.join(dir, 'Applications', 'LibreOffice.app', 'Contents');
    mkdirSync(path.join(bundle, 'MacOS'), { recursive: true });
    const soffice = path.join(bundle, 'MacOS', 'soffice');
    const install = (version: string) => {
      writeFileSync(soffice, `#!/bin/sh\necho asked >> '${asks}'\necho '${version}'\n`, { mode: 0o755 });
      writeFileSync(path.join(bundle, 'Info.plist'), `<plist><dict><key>CFBundleVersion</key><string>${version}</string></dict></plist>\n`);
    };
    install('LibreOffice 7.4.7.2 40(Build:2)');
    // Homebrew's cask links bin/soffice to the bundle's program.
    const linked = path.join(dir, 'homebrew-bin', 'soffice');
    mkdirSync(path.dirname(linked));
    symlinkSync(soffice, linked);
    expect([versionInProcess(soffice), versionInProcess(soffice)]).toEqual([
      'LibreOffice 7.4.7.2 40(Build:2)',
      'LibreOffice 7.4.7.2 40(Build:2)',
    ]);
    expect(timesAsked(asks)).toBe(1);
    expect([versionInProcess(linked), versionInProcess(linked)]).toEqual([
      'LibreOffice 7.4.7.2 40(Build:2)',
      'LibreOffice 7.4.7.2 40(Build:2)',
    ]);
    expect(timesAsked(asks)).toBe(2);
    // Upgraded: the bundle replaced, its program and Info.plist with it.
    rmSync(path.dirname(bundle), { recursive: true });
    mkdirSync(path.join(bundle, 'MacOS'), { recursive: true });
    install('LibreOffice 24.2.1.2 abc');
    expect([versionInProcess(soffice), versionInProcess(linked), versionInProcess(soffice)]).toEqual([
      'LibreOffice 24.2.1.2 abc',
      'LibreOffice 24.2.1.2 abc',
      'LibreOffice 24.2.1.2 abc',
    ]);
    expect(timesAsked(asks)).toBe(4);
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
