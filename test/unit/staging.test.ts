import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Staging } from '../../src/publish/staging.js';
import { bytesOf } from '../../src/publish/state.js';
import { EnvironmentError } from '../../src/shared/errors.js';
import { tempDir } from '../support/cli.js';

describe('Staging', () => {
  it("takes a folder of this process's pid that it did not make for a leftover (a container's pid 1, killed)", () => {
    const site = tempDir();
    const leftover = path.join(site, `.agenda-publish-${process.pid}.tmp`);
    mkdirSync(leftover);
    writeFileSync(path.join(leftover, '0'), '%PDF-');
    const staging = new Staging(site);
    const staged = staging.stage('a.html', '<p>a</p>');
    expect(readdirSync(leftover)).toEqual([path.basename(staged.staged)]);
    staging.close();
    expect(readdirSync(site)).toEqual([]);
  });

  it('stages nothing once closed, and makes no folder', () => {
    const site = path.join(tempDir(), 'site');
    const staging = new Staging(site);
    staging.close();
    expect(() => staging.stage('a.html', '<p>a</p>')).toThrow(/staged after the publication ended/);
    expect(existsSync(site)).toBe(false);
  });

  it('says which site folder it cannot make', () => {
    const site = tempDir();
    writeFileSync(path.join(site, 'file'), '');
    const staging = new Staging(path.join(site, 'file', 'site'));
    expect(() => staging.stage('a.html', '<p>a</p>')).toThrow(EnvironmentError);
    expect(() => staging.stage('a.html', '<p>a</p>')).toThrow(/^cannot make the site folder .*file\/site: /);
    staging.close();
  });

  it('holds the site: a second staging in it is refused until the first closes; a lock left by a dead process, or of our pid not held here, is taken over', () => {
    const site = tempDir();
    const first = new Staging(site);
    first.hold();
    const second = new Staging(site);
    expect(() => second.hold()).toThrow(
      /^cannot publish to .*: another agenda publish \(\S+ \d+\) is writing this site; wait for it to end, or remove .*\.agenda-publish\.lock if none runs$/,
    );
    first.close();
    second.hold();
    second.close();
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    for (const pid of [gone, process.pid]) {
      writeFileSync(path.join(site, '.agenda-publish.lock'), `${hostname()} ${pid}\n`);
      const staging = new Staging(site);
      staging.stage('a.html', '<p>a</p>');
      expect(readFileSync(path.join(site, '.agenda-publish.lock'), 'utf8')).toBe(`${hostname()} ${process.pid}\n`);
      staging.close();
      expect(readdirSync(site)).toEqual([]);
    }
    // Another host's lock cannot be judged from here.
    writeFileSync(path.join(site, '.agenda-publish.lock'), `not-${hostname()} ${gone}\n`);
    expect(() => new Staging(site).hold()).toThrow(/another agenda publish/);
  });

  it('says which file it cannot write where its staged copy is gone', async () => {
    const site = tempDir();
    const staging = new Staging(site);
    const { staged, size, sha256 } = staging.stage('u/a.pdf', '%PDF-');
    staging.close();
    const earlier = { out: site, files: new Map(), warnings: [] };
    const read = bytesOf(earlier, { path: 'u/a.pdf', staged, size, sha256, sha512: '' });
    await expect(read).rejects.toThrow(EnvironmentError);
    await expect(read).rejects.toThrow(`cannot write ${path.join(site, 'u/a.pdf')}: its staged copy ${staged}`);
  });
});
