import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
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

  it('removes the folders it made on the way to the site where it ends with nothing written', () => {
    const root = tempDir();
    const staging = new Staging(path.join(root, 'a', 'b', 'site'));
    staging.hold();
    expect(existsSync(path.join(root, 'a', 'b', 'site', '.agenda-publish.lock'))).toBe(true);
    staging.close();
    expect(readdirSync(root)).toEqual([]);
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
      /^cannot publish to .*: another agenda publish \(process \d+ on this machine\) is writing this site; wait for it to end, or remove .*\.agenda-publish\.lock if none runs$/,
    );
    first.close();
    second.hold();
    second.close();
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const space = readlinkSync('/proc/self/ns/pid');
    const lock = path.join(site, '.agenda-publish.lock');
    const ours = `${hostname()} ${boot} ${space} ${process.pid}\n`;
    // Left behind: a dead process of this host and namespace, this process's pid not held here, one of an earlier boot.
    for (const holder of [`${boot} ${space} ${gone}`, `${boot} ${space} ${process.pid}`, `another-boot ${space} ${process.pid}`]) {
      writeFileSync(lock, `${hostname()} ${holder}\n`);
      // Written before this boot (a lock of another boot written since would be another machine's of the same name).
      utimesSync(lock, 0, 0);
      // A leftover staging folder: removed once the site is held, though nothing is staged.
      mkdirSync(path.join(site, '.agenda-publish-1.tmp'));
      const staging = new Staging(site);
      staging.hold();
      expect(readFileSync(lock, 'utf8')).toBe(ours);
      expect(readdirSync(site)).toEqual(['.agenda-publish.lock']);
      staging.close();
      expect(readdirSync(site)).toEqual([]);
    }
    // Not to be judged from here: another host's; another pid namespace's (a container beside this one: a pid
    // dead here may live there); one that names no boot and namespace (an older agenda's); another boot's written
    // since this boot began (another machine of the same name).
    for (const holder of [
      `not-${hostname()} ${boot} ${space} ${gone}`,
      `${hostname()} ${boot} pid:[1] ${gone}`,
      `${hostname()} ${gone}`,
      `${hostname()} another-boot ${space} ${gone}`,
    ]) {
      writeFileSync(lock, `${holder}\n`);
      expect(() => new Staging(site).hold()).toThrow(/another agenda publish/);
      expect(readFileSync(lock, 'utf8')).toBe(`${holder}\n`);
    }
    // A FIFO or device in the lock's place is no lock to read (a read would wait for ever): refused as naming no process.
    rmSync(lock);
    execFileSync('mkfifo', [lock]);
    expect(() => new Staging(site).hold()).toThrow(/a lock that names no process/);
    rmSync(lock);
    // One that names no process (cut short as it was written) is told as such.
    writeFileSync(lock, '');
    expect(() => new Staging(site).hold()).toThrow(/a lock that names no process: .*\.agenda-publish\.lock is writing this site/);
    // Of two taking a lock left behind over at once, one alone does: the other finds the guard taken, and is
    // refused (unit/lock.test.ts: at each step). A guard left by a takeover killed is taken over by the same
    // rules; one that names no process is named to the clerk.
    writeFileSync(lock, `${hostname()} ${boot} ${space} ${gone}\n`);
    writeFileSync(`${lock}.takeover`, '');
    expect(() => new Staging(site).hold()).toThrow(/a lock that names no process: .*\.agenda-publish\.lock\.takeover is writing this site/);
    writeFileSync(`${lock}.takeover`, `${hostname()} ${boot} ${space} ${gone}\n`);
    const taker = new Staging(site);
    taker.hold();
    expect(readFileSync(lock, 'utf8')).toBe(ours);
    taker.close();
    expect(readdirSync(site)).toEqual([]);
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
