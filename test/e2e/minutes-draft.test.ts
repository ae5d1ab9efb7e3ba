import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readMeeting } from '../../src/pipeline/document.js';
import { minutesCommand } from '../../src/commands/minutes.js';
import { publicVersion } from '../../src/model/public.js';
import { agenda, tempDir } from '../support/cli.js';
import { exampleRoot } from '../support/examples.js';

/** A closed item last, with closed text in every field a draft could copy from. */
const closedLast = `  - titel: Lukket sag XQZSECRETL1
    lukket: true
    sagsfremstilling: Sagen XQZSECRETL2.
    tidsplan:
      - tid: 9.00
        punkt: Drøftelse af XQZSECRETL3.
`;

/** Every meeting file of the repository and of fixtures/, and variants of each in the shapes a file can take. */
function variants(): Array<{ label: string; folder: string; date: string; text: string }> {
  const folders = [
    path.join(exampleRoot(), 'meetings'),
    ...readdirSync(path.join(exampleRoot(), 'fixtures'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => path.join(e.parentPath, e.name)),
  ];
  return folders.flatMap((folder) =>
    readdirSync(folder)
      .filter((f) => /^\d{4}-\d{2}-\d{2}\.yaml$/.test(f))
      .flatMap((f) => {
        const date = f.slice(0, 10);
        const text = readFileSync(path.join(folder, f), 'utf8');
        // A decision with its record (who did not take part, the vote, the protokoltilførsel), which a closed decision closes.
        const undecided = text.replace(
          /^( *)(?:beslutning|fraværende|inhabil|afstemning|protokoltilførsel):(?:[^\n]*\n)(?:\1 {2}[^\n]*\n|\1- [^\n]*\n|\n)*/gm,
          '',
        );
        const label = `${path.basename(folder)}/${f}`;
        return [
          { label, folder, date, text },
          { label: `${label}, no decisions`, folder, date, text: undecided },
          { label: `${label}, a closed item last`, folder, date, text: undecided.replace(/\n*$/, '\n') + closedLast },
          { label: `${label}, without a final newline`, folder, date, text: undecided.trimEnd() },
          { label: `${label}, no items`, folder, date, text: undecided.replace(/^punkter:[\s\S]*/m, '') },
          { label: `${label}, an empty punkter:`, folder, date, text: undecided.replace(/^punkter:[\s\S]*/m, 'punkter:\n') },
          {
            label: `${label}, an empty punkter: before other keys`,
            folder,
            date,
            text: `punkter:\n${undecided.replace(/^punkter:[\s\S]*/m, '')}sted: Et andet lokale\n`,
          },
        ];
      }),
  );
}

describe('agenda minutes on every meeting file and its variants', () => {
  it('gives a draft that passes agenda check, a decision under every item, nothing closed in open text', async () => {
    const failures: string[] = [];
    const quiet = vi.spyOn(process.stdout, 'write').mockReturnValue(true);
    const all = variants();
    for (const [i, v] of all.entries()) {
      const dir = path.join(tempDir('agenda-minutes-'), `m${i}`);
      cpSync(v.folder, dir, { recursive: true });
      writeFileSync(path.join(dir, `${v.date}.yaml`), v.text);
      const drafted = await minutesCommand(v.date, { meetings: dir }).then(
        () => undefined,
        (err: Error) => err.message,
      );
      if (drafted?.includes('has a beslutning under every item already')) continue;
      if (drafted !== undefined) {
        failures.push(`${v.label}: minutes said ${drafted}`);
        continue;
      }
      // What agenda check reports as errors, readMeeting throws.
      const read = await readMeeting(dir, v.date).catch((err: Error) => err.message);
      if (typeof read === 'string') failures.push(`${v.label}: check said ${read}`);
      else {
        const { meeting } = read;
        if (meeting.kind !== 'referat' || meeting.items.some((item) => item.beslutning === undefined))
          failures.push(`${v.label}: an item without a decision`);
        const open = JSON.stringify(publicVersion(meeting));
        if (/XQZSECRET/.test(open)) failures.push(`${v.label}: closed text in open text: ${/XQZSECRET\w*/.exec(open)![0]}`);
      }
    }
    quiet.mockRestore();
    expect(failures).toEqual([]);
    expect(all.length).toBeGreaterThanOrEqual(21);
    // The one file through the command line, as the clerk runs it.
    const dir = path.join(tempDir('agenda-minutes-'), 'meetings');
    cpSync(path.join(exampleRoot(), 'meetings'), dir, { recursive: true });
    expect(agenda(['minutes', '2023-11-22', '--meetings', dir]).status).toBe(0);
    expect(agenda(['check', '2023-11-22', '--meetings', dir]).status).toBe(0);
  });
});
