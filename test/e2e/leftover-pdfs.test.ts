import { appendFileSync, copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings, errorLines } from '../support/cli.js';
import { exampleRoot } from '../support/examples.js';

// A meeting file removed leaves its PDFs in out/, where a clerk may send one by mistake: build --all removes those
// agenda wrote (their seal holds) and names any other, which it leaves.

describe('build --all after a meeting file is removed', () => {
  it('removes the PDFs agenda wrote of it, names one changed since and leaves it, and touches no other file', () => {
    const { dir } = copyOfMeetings();
    const out = path.join(dir, 'out');
    expect(agenda(['build', '--all'], { cwd: dir }).status).toBe(0);
    // As a build of a meeting 2023-11-29 since removed left them: one as agenda wrote it, one a reader saved again.
    copyFileSync(path.join(out, '2023-11-22-dagsorden.pdf'), path.join(out, '2023-11-29-dagsorden.pdf'));
    copyFileSync(path.join(out, '2023-09-06-referat.pdf'), path.join(out, '2023-11-29-referat.pdf'));
    appendFileSync(path.join(out, '2023-11-29-referat.pdf'), '% saved by a reader\n');
    copyFileSync(path.join(out, '2023-09-06-referat.pdf'), path.join(out, 'referat-kopi.pdf'));
    const before = readFileSync(path.join(out, '2023-11-22-dagsorden.pdf'));

    const run = agenda(['build', '--all'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      'removed out/2023-11-29-dagsorden.pdf: no longer made from any meeting (meetings/2023-11-29.yaml is gone)\n',
    );
    expect(run.stderr).toContain(
      'out/2023-11-29-referat.pdf: no longer made from any meeting (meetings/2023-11-29.yaml is gone); left, as nothing in it tells that agenda wrote it of this committee as it stands: remove it unless you need it\n',
    );
    expect(readdirSync(out).sort()).toEqual([
      '2023-09-06-referat.pdf',
      '2023-11-22-dagsorden.pdf',
      '2023-11-29-referat.pdf',
      'referat-kopi.pdf',
    ]);
    expect(readFileSync(path.join(out, '2023-11-22-dagsorden.pdf')).equals(before)).toBe(true);

    // Building named meetings judges nothing else in out/.
    copyFileSync(path.join(out, '2023-11-22-dagsorden.pdf'), path.join(out, '2023-11-29-dagsorden.pdf'));
    expect(agenda(['build', '2023-11-22'], { cwd: dir }).status).toBe(0);
    expect(readdirSync(out)).toContain('2023-11-29-dagsorden.pdf');

    // A byte copy under a name of agenda's with a suffix of the clerk's is not agenda's name: left, unnamed.
    copyFileSync(path.join(out, '2023-11-22-dagsorden.pdf'), path.join(out, '2023-11-29-dagsorden-kopi.pdf'));
    // A folder named (a draft copy that lacks 2023-09-06) is not what out/ was made from: nothing of out/ judged by it.
    cpSync(path.join(dir, 'meetings'), path.join(dir, 'udkast'), { recursive: true });
    rmSync(path.join(dir, 'udkast', '2023-09-06.yaml'));
    const drafted = agenda(['build', '--all', '--meetings', 'udkast'], { cwd: dir });
    expect(drafted.status, drafted.stderr).toBe(0);
    expect(drafted.stderr).not.toContain('no longer made from any meeting');
    expect(readdirSync(out)).toEqual(
      expect.arrayContaining(['2023-09-06-referat.pdf', '2023-11-29-dagsorden.pdf', '2023-11-29-dagsorden-kopi.pdf']),
    );
    // Another committee's folder built into the same out/ (Testudvalget, not Direktionen): its PDF is told and left,
    // though its name carries no committee and meetings/ has no 2024-03-06.
    const other = agenda(['build', '2024-03-06', '--meetings', path.join(exampleRoot(), 'fixtures', 'lukket')], { cwd: dir });
    expect(other.status, other.stderr).toBe(0);
    const othersPdf = readFileSync(path.join(out, '2024-03-06-referat.pdf'));
    // The repository's own build --all again: agenda's name removed, the copy under a name of the clerk's left.
    const again = agenda(['build', '--all'], { cwd: dir });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain(
      "out/2024-03-06-referat.pdf: named for meetings/2024-03-06.yaml, which is gone, but made of the committee Testudvalget (another folder's, or this one's before it was renamed); left: remove it unless you need it\n",
    );
    expect(readFileSync(path.join(out, '2024-03-06-referat.pdf')).equals(othersPdf)).toBe(true);
    expect(readdirSync(out)).toContain('2023-11-29-dagsorden-kopi.pdf');
    expect(readdirSync(out)).not.toContain('2023-11-29-dagsorden.pdf');
  }, 120_000);
});

describe('build --all after the repository gained a second committee', () => {
  it('removes the PDFs agenda wrote under the names it made before, and names one changed since, which it leaves', () => {
    const { dir, meetings } = copyOfMeetings();
    const out = path.join(dir, 'out');
    expect(agenda(['build', '--all'], { cwd: dir }).status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['2023-09-06-referat.pdf', '2023-11-22-dagsorden.pdf']);
    appendFileSync(path.join(out, '2023-09-06-referat.pdf'), '% saved by a reader\n');
    const saved = readFileSync(path.join(out, '2023-09-06-referat.pdf'));
    // A second committee, written by hand: its documents and this one's now carry the committee's name.
    mkdirSync(path.join(dir, 'udvalg', 'TU'), { recursive: true });
    const udvalg = readFileSync(path.join(meetings, 'udvalg.yaml'), 'utf8').replace('navn: Direktionen', 'navn: Teknikudvalget\nkort: TU');
    writeFileSync(path.join(dir, 'udvalg', 'TU', 'udvalg.yaml'), udvalg);

    const run = agenda(['build', '--all'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const renamed = (date: string, kind: string) =>
      `out/${date}-${kind}.pdf: no longer made under this name (meetings/${date}.yaml's is now out/meetings-${date}-${kind}.pdf)`;
    expect(errorLines(run.stderr).filter((l) => l.includes('no longer made'))).toEqual([
      `${renamed('2023-09-06', 'referat')}; left, as it was changed since agenda wrote it: remove it unless you need it`,
      `removed ${renamed('2023-11-22', 'dagsorden')}`,
    ]);
    expect(readdirSync(out).sort()).toEqual([
      '2023-09-06-referat.pdf',
      'meetings-2023-09-06-referat.pdf',
      'meetings-2023-11-22-dagsorden.pdf',
    ]);
    expect(readFileSync(path.join(out, '2023-09-06-referat.pdf')).equals(saved)).toBe(true);
    // Made as it is now, nothing more to say.
    const again = agenda(['build', '--all'], { cwd: dir });
    expect(again.stderr).not.toContain('removed');
  }, 120_000);
});
