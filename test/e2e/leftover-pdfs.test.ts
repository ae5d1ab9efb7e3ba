import { appendFileSync, copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings, errorLines } from '../support/cli.js';
import { commitAll } from '../support/git.js';
import { exampleRoot } from '../support/examples.js';
import { seal, sealKey } from '../../src/pdf/seal.js';

// A meeting file removed leaves its PDFs in out/, where a clerk may send one by mistake: build --all removes those
// agenda wrote (their seal holds) of a meeting this folder had (they record its committee and meeting file, and git's
// history of the folder held the file), and names any other, which it leaves.

describe('build --all after a meeting file is removed', () => {
  it('removes the PDFs agenda wrote of a meeting the folder had, names and leaves the rest, and touches no other file', () => {
    const { dir, meetings } = copyOfMeetings();
    const out = path.join(dir, 'out');
    // A meeting of 2023-11-29, committed and built in both versions, then moved to another day: its file is gone.
    copyFileSync(path.join(meetings, '2023-11-22.yaml'), path.join(meetings, '2023-11-29.yaml'));
    writeFileSync(path.join(dir, '.gitignore'), 'out/\n');
    commitAll(dir, 'Mødet 29. november');
    expect(agenda(['build', '--all'], { cwd: dir }).status).toBe(0);
    expect(agenda(['build', '2023-11-29', '--public'], { cwd: dir }).status).toBe(0);
    rmSync(path.join(meetings, '2023-11-29.yaml'));
    commitAll(dir, 'Mødet 29. november er flyttet');
    // The public one as agenda 0.3.1 wrote it: the same, sealed, but recording no meeting file.
    asAnEarlierAgendaWroteIt(path.join(out, '2023-11-29-dagsorden-offentlig.pdf'));
    // Another of its names, a PDF a reader saved again since.
    copyFileSync(path.join(out, '2023-09-06-referat.pdf'), path.join(out, '2023-11-29-referat.pdf'));
    appendFileSync(path.join(out, '2023-11-29-referat.pdf'), '% saved by a reader\n');
    copyFileSync(path.join(out, '2023-09-06-referat.pdf'), path.join(out, 'referat-kopi.pdf'));
    // A draft of a meeting this repository never had (2023-12-06), built in a colleague's copy of it and copied in:
    // it records this committee and a meeting file of this folder's name, but git's history never held that file.
    const colleague = copyOfMeetings();
    copyFileSync(path.join(colleague.meetings, '2023-11-22.yaml'), path.join(colleague.meetings, '2023-12-06.yaml'));
    expect(agenda(['build', '2023-12-06'], { cwd: colleague.dir }).status).toBe(0);
    copyFileSync(path.join(colleague.dir, 'out', '2023-12-06-dagsorden.pdf'), path.join(out, '2023-12-06-dagsorden.pdf'));
    // A PDF of 2023-11-22 under the name of the gone meeting: it records the meeting file it was made from, another.
    copyFileSync(path.join(out, '2023-11-22-dagsorden.pdf'), path.join(out, '2023-11-29-tillaegsdagsorden-1.pdf'));
    const before = readFileSync(path.join(out, '2023-11-22-dagsorden.pdf'));
    const removed = readFileSync(path.join(out, '2023-11-29-dagsorden.pdf'));
    const kept = (name: string) => readFileSync(path.join(out, name));
    const left = ['2023-11-29-dagsorden-offentlig.pdf', '2023-12-06-dagsorden.pdf', '2023-11-29-tillaegsdagsorden-1.pdf'].map(kept);

    const run = agenda(['build', '--all'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const gone = (date: string) => `named for meetings/${date}.yaml, which is gone, but`;
    expect(
      run.stderr
        .split('\n')
        .filter((line) => line.includes('gone'))
        .sort(),
    ).toEqual([
      `out/2023-11-29-dagsorden-offentlig.pdf: ${gone('2023-11-29')} it does not record which meeting file it was made from (made by agenda before 0.3.2); left: remove it unless you need it`,
      'out/2023-11-29-referat.pdf: no longer made from any meeting (meetings/2023-11-29.yaml is gone); left, as nothing in it tells that agenda wrote it of this committee as it stands: remove it unless you need it',
      `out/2023-11-29-tillaegsdagsorden-1.pdf: ${gone('2023-11-29')} made from meetings/2023-11-22.yaml, not meetings/2023-11-29.yaml; left: remove it unless you need it`,
      `out/2023-12-06-dagsorden.pdf: ${gone('2023-12-06')} git's history of meetings never held 2023-12-06.yaml (a draft from another copy, or a meeting never committed); left: remove it unless you need it`,
      'removed out/2023-11-29-dagsorden.pdf: no longer made from any meeting (meetings/2023-11-29.yaml is gone)',
    ]);
    expect(readdirSync(out).sort()).toEqual([
      '2023-09-06-referat.pdf',
      '2023-11-22-dagsorden.pdf',
      '2023-11-29-dagsorden-offentlig.pdf',
      '2023-11-29-referat.pdf',
      '2023-11-29-tillaegsdagsorden-1.pdf',
      '2023-12-06-dagsorden.pdf',
      'referat-kopi.pdf',
    ]);
    expect(readFileSync(path.join(out, '2023-11-22-dagsorden.pdf')).equals(before)).toBe(true);
    expect(['2023-11-29-dagsorden-offentlig.pdf', '2023-12-06-dagsorden.pdf', '2023-11-29-tillaegsdagsorden-1.pdf'].map(kept)).toEqual(
      left,
    );
    for (const name of [
      '2023-11-29-dagsorden-offentlig.pdf',
      '2023-12-06-dagsorden.pdf',
      '2023-11-29-tillaegsdagsorden-1.pdf',
      '2023-11-29-referat.pdf',
    ])
      rmSync(path.join(out, name));

    // Building named meetings judges nothing else in out/.
    writeFileSync(path.join(out, '2023-11-29-dagsorden.pdf'), removed);
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

    // Without git, what a PDF records is all there is to go by: a colleague's draft of this folder's name is told from
    // a PDF of this folder's own meeting by nothing, and both are removed (docs/clerk/ugen.md says so).
    rmSync(path.join(dir, '.git'), { recursive: true });
    writeFileSync(path.join(out, '2023-11-29-dagsorden.pdf'), removed);
    copyFileSync(path.join(colleague.dir, 'out', '2023-12-06-dagsorden.pdf'), path.join(out, '2023-12-06-dagsorden.pdf'));
    const unversioned = agenda(['build', '--all'], { cwd: dir });
    expect(unversioned.status, unversioned.stderr).toBe(0);
    expect(unversioned.stderr).toContain('removed out/2023-11-29-dagsorden.pdf: no longer made from any meeting');
    expect(unversioned.stderr).toContain('removed out/2023-12-06-dagsorden.pdf: no longer made from any meeting');
    expect(readdirSync(out)).not.toContain('2023-12-06-dagsorden.pdf');
  }, 120_000);
});

/**
 * A PDF as agenda 0.3.1 wrote it: the same, but with no record of its meeting file (its entry blanked, so every
 * offset holds), sealed again over its inputs' fingerprint as finishPdf seals.
 */
function asAnEarlierAgendaWroteIt(file: string): void {
  const text = readFileSync(file).toString('latin1');
  const inputs = /\/AgendaInputs \(([0-9a-f]{64})\)/.exec(text)?.[1];
  const entry = /\/AgendaMoedefil\s*<[0-9A-Fa-f]*>/.exec(text)?.[0];
  expect(inputs && entry).toBeTruthy();
  const unsealed = text
    .replace(entry ?? '', ' '.repeat(entry?.length ?? 0))
    .replace(new RegExp(`/${sealKey} \\([0-9a-f]{64}\\)`), `/${sealKey} (${inputs})`);
  writeFileSync(file, seal(Buffer.from(unsealed, 'latin1'), inputs ?? ''));
}

describe('build --all after the repository gained a second committee', () => {
  it('names the PDFs under the names it made before and leaves them, byte for byte (one may be a draft of another version)', () => {
    const { dir, meetings } = copyOfMeetings();
    const out = path.join(dir, 'out');
    expect(agenda(['build', '--all'], { cwd: dir }).status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['2023-09-06-referat.pdf', '2023-11-22-dagsorden.pdf']);
    appendFileSync(path.join(out, '2023-09-06-referat.pdf'), '% saved by a reader\n');
    const saved = readFileSync(path.join(out, '2023-09-06-referat.pdf'));
    const agendaPdf = readFileSync(path.join(out, '2023-11-22-dagsorden.pdf'));
    // A second committee, written by hand: its documents and this one's now carry the committee's name.
    mkdirSync(path.join(dir, 'udvalg', 'TU'), { recursive: true });
    const udvalg = readFileSync(path.join(meetings, 'udvalg.yaml'), 'utf8').replace('navn: Direktionen', 'navn: Teknikudvalget\nkort: TU');
    writeFileSync(path.join(dir, 'udvalg', 'TU', 'udvalg.yaml'), udvalg);

    const run = agenda(['build', '--all'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const renamed = (date: string, kind: string) =>
      `out/${date}-${kind}.pdf: no longer made under this name (meetings/${date}.yaml's is now out/meetings-${date}-${kind}.pdf)`;
    const left = '; left, as it may be a draft of another version: remove it unless you need it';
    expect(errorLines(run.stderr).filter((l) => l.includes('no longer made'))).toEqual([
      `${renamed('2023-09-06', 'referat')}${left}`,
      `${renamed('2023-11-22', 'dagsorden')}${left}`,
    ]);
    expect(readdirSync(out).sort()).toEqual([
      '2023-09-06-referat.pdf',
      '2023-11-22-dagsorden.pdf',
      'meetings-2023-09-06-referat.pdf',
      'meetings-2023-11-22-dagsorden.pdf',
    ]);
    expect(readFileSync(path.join(out, '2023-09-06-referat.pdf')).equals(saved)).toBe(true);
    expect(readFileSync(path.join(out, '2023-11-22-dagsorden.pdf')).equals(agendaPdf)).toBe(true);
    // Removed by the clerk, nothing more to say.
    rmSync(path.join(out, '2023-09-06-referat.pdf'));
    rmSync(path.join(out, '2023-11-22-dagsorden.pdf'));
    const again = agenda(['build', '--all'], { cwd: dir });
    expect(again.stderr).not.toContain('no longer made');
  }, 120_000);
});
