import { chmodSync, chownSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfBytes } from '../support/attachments.js';
import { agenda, copyOfOneMeeting } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { pdfPages } from '../support/pdf.js';

// The adversary's finding 4: a conversion's entry in the user's cache is named by a hash of what it is made of,
// which anyone with the office file can compute. A cache folder another user owns, or anyone may write in, or an
// entry that is another's or a link, could hand the clerk a planted PDF as the attachment's conversion. None is
// used: the attachment is converted anew, read back here from the combined PDF, and nothing is written into such
// a folder. (Tests run as root, so another user's is made with chown to nobody.)

const date = '2023-11-22';
const real = 'Aabent brev om rammen';
const planted = 'PLANTET af en anden';
const nobody = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim());
const asRoot = process.getuid?.() === 0;

describe("a cache that is not the user's own", () => {
  const { dir, meetings } = copyOfOneMeeting(date);
  let entry = '';
  let plantedPdf: Uint8Array;
  /** build --samlet with XDG_CACHE_HOME `cache`: the combined PDF's text, and what it said. */
  const build = (cache: string) => {
    const out = path.join(cache, '..', `${path.basename(cache)}.pdf`);
    const run = agenda(['build', date, '--samlet', '--meetings', meetings, '--out', out], { cwd: dir, env: { XDG_CACHE_HOME: cache } });
    expect(run.status, run.stderr).toBe(0);
    return { text: pdfPages(out).join('\n'), stderr: run.stderr };
  };
  /** A cache whose office folder (`agenda/office`) holds the planted PDF under the real conversion's name. */
  const plantedCache = (name: string) => {
    const office = path.join(dir, name, 'agenda', 'office');
    mkdirSync(office, { recursive: true, mode: 0o700 });
    writeFileSync(path.join(office, entry), plantedPdf, { mode: 0o600 });
    return { cache: path.join(dir, name), office };
  };

  beforeAll(async () => {
    writeFileSync(path.join(meetings, 'bilag', 'aaben.txt'), `${real}\n`);
    edit(path.join(meetings, `${date}.yaml`), 'fil: bilag/2023-11-22/2-1.pdf', 'fil: bilag/aaben.txt');
    const own = build(path.join(dir, 'own'));
    expect(own.text).toContain(real);
    expect(own.stderr).toBe('');
    const entries = readdirSync(path.join(dir, 'own', 'agenda', 'office'));
    expect(entries).toHaveLength(1);
    entry = entries[0]!;
    plantedPdf = await pdfBytes({ text: planted });
  }, 120_000);

  const converted = (cache: string, warned: boolean) => {
    const { text, stderr } = build(cache);
    expect(text).toContain(real);
    expect(text).not.toContain(planted);
    const warnings = stderr.split('\n').filter((l) => l.includes('is not your own'));
    expect(warnings).toHaveLength(warned ? 1 : 0);
  };

  it.skipIf(!asRoot)("converts anew where the office folder is another user's, and writes nothing into it", () => {
    const { cache, office } = plantedCache('others');
    chownSync(path.join(office, entry), nobody, nobody);
    chmodSync(office, 0o755);
    chownSync(office, nobody, nobody);
    converted(cache, true);
    expect(readdirSync(office)).toEqual([entry]);
  });

  it('converts anew where the office folder may be written by anyone, and writes nothing into it', () => {
    const { cache, office } = plantedCache('shared');
    chmodSync(office, 0o777);
    converted(cache, true);
    expect(readdirSync(office)).toEqual([entry]);
  });

  it('takes a cache root that is a link to a folder of the user’s own (kept on another disk), and under --json says nothing on stderr', () => {
    const { cache } = plantedCache('linked-target');
    const linked = path.join(dir, 'linked');
    symlinkSync(cache, linked);
    const { text, stderr } = build(linked);
    expect(text).toContain(planted);
    expect(stderr).not.toContain('is not your own');
    const shared = plantedCache('shared-json');
    chmodSync(shared.office, 0o777);
    const out = path.join(dir, 'shared-json.pdf');
    const run = agenda(['build', date, '--samlet', '--meetings', meetings, '--out', out, '--json'], {
      cwd: dir,
      env: { XDG_CACHE_HOME: shared.cache },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(pdfPages(out).join('\n')).toContain(real);
  });

  it("converts anew where the cache root is another user's", () => {
    const { cache } = plantedCache('root');
    chmodSync(cache, 0o755);
    if (asRoot) chownSync(cache, nobody, nobody);
    else chmodSync(cache, 0o777);
    converted(cache, true);
  });

  // Debian's and Ubuntu's user private groups: a desktop's umask 002 makes every folder group-writable, the group the
  // user's alone (named and numbered as the user). Its entries are the user's own, taken as any.
  it.skipIf(process.getgid?.() !== process.getuid?.())('takes the cache where only the user’s own private group may also write', () => {
    const { cache, office } = plantedCache('private-group');
    for (const folder of [cache, path.dirname(office), office]) chmodSync(folder, 0o775);
    const { text, stderr } = build(cache);
    expect(text).toContain(planted);
    expect(stderr).not.toContain('is not your own');
  });

  // The number alone tells nothing: an administrator may have made a group of the user's number with others in it.
  // What the system's group database says (getent group, here one on PATH that lists another member) decides.
  it.skipIf(process.getgid?.() !== process.getuid?.())(
    'does not take the cache where the group of the user’s number has another member',
    () => {
      const { cache, office } = plantedCache('shared-group');
      for (const folder of [cache, path.dirname(office), office]) chmodSync(folder, 0o775);
      const bin = path.join(dir, 'bin');
      mkdirSync(bin, { recursive: true });
      const user = userInfo().username;
      writeFileSync(path.join(bin, 'getent'), `#!/bin/sh\necho "${user}:x:$2:${user},mallory"\n`, { mode: 0o755 });
      const out = path.join(dir, 'shared-group.pdf');
      const run = agenda(['build', date, '--samlet', '--meetings', meetings, '--out', out], {
        cwd: dir,
        env: { XDG_CACHE_HOME: cache, PATH: `${bin}:${process.env.PATH}` },
        ownProcess: true,
      });
      expect(run.status, run.stderr).toBe(0);
      const text = pdfPages(out).join('\n');
      expect(text).toContain(real);
      expect(text).not.toContain(planted);
      expect(run.stderr).toContain(`the cache folder ${cache} is not your own`);
      expect(readdirSync(office)).toEqual([entry]);
    },
  );

  it.skipIf(!asRoot)("does not take an entry that is another user's, in the user's own folder", () => {
    const { cache, office } = plantedCache('entry');
    chownSync(path.join(office, entry), nobody, nobody);
    converted(cache, false);
  });

  it('does not take an entry that is a link, nor one anyone may write', () => {
    const { cache, office } = plantedCache('link');
    writeFileSync(path.join(dir, 'elsewhere.pdf'), plantedPdf, { mode: 0o600 });
    execFileSync('rm', [path.join(office, entry)]);
    symlinkSync(path.join(dir, 'elsewhere.pdf'), path.join(office, entry));
    converted(cache, false);
    const writable = plantedCache('writable');
    chmodSync(path.join(writable.office, entry), 0o666);
    converted(writable.cache, false);
  });
});
