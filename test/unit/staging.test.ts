import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
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

  it('says which staging folder it cannot make', () => {
    const site = tempDir();
    writeFileSync(path.join(site, 'file'), '');
    const staging = new Staging(path.join(site, 'file', 'site'));
    expect(() => staging.stage('a.html', '<p>a</p>')).toThrow(EnvironmentError);
    expect(() => staging.stage('a.html', '<p>a</p>')).toThrow(/^cannot make the staging folder .*file\/site\/\.agenda-publish-\d+\.tmp: /);
    staging.close();
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
