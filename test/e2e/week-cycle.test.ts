import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sharedPdf } from '../support/shared-build.js';
import { agenda, copyOfMeetings, errorLines } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { pdfPages } from '../support/pdf.js';
import { exampleRoot } from '../support/examples.js';

/** The PDF's text on one line, without the page footers. */
const text = (file: string) =>
  pdfPages(file)
    .join('\n')
    .replace(/Side \d+ af \d+/g, '')
    .replace(/\s+/g, ' ');
/** The text from the body's `from` to the next `to`. */
const between = (all: string, from: string, to: string) => all.slice(all.indexOf(from), all.indexOf(to, all.indexOf(from)));

describe('the example meetings', () => {
  it('list no political meeting, no Rul line and no forward-plan row by hand', () => {
    const calendar = parse(readFileSync(path.join(exampleRoot(), 'meetings', 'kalender.yaml'), 'utf8')) as {
      udvalg: Array<{ møde: string }>;
    };
    const plan = parse(readFileSync(path.join(exampleRoot(), 'meetings', 'plan.yaml'), 'utf8')) as {
      møder: Array<{ punkter: Array<string | { tekst: string }> }>;
    };
    const planned = plan.møder.flatMap((m) => m.punkter.map((p) => (typeof p === 'string' ? p : p.tekst)));
    for (const date of ['2023-11-22', '2023-09-06']) {
      const source = readFileSync(path.join(exampleRoot(), 'meetings', `${date}.yaml`), 'utf8');
      expect(source).not.toMatch(/Rul \w+:|Temamøde i|Der blev afholdt|Der afholdes|Gennemgang af/);
      for (const { møde } of calendar.udvalg) expect(source).not.toContain(møde);
      for (const point of planned) expect(source).not.toContain(point);
    }
  });
});

describe('the JSON Schema', () => {
  const schema = agenda(['schema', '--out', '-']);
  it('in the meetings folder is the one agenda schema makes, and the example meetings validate against it', () => {
    expect(readFileSync(path.join(exampleRoot(), 'meetings', 'schema.json'), 'utf8')).toBe(schema.stdout);
    const validate = new Ajv2020.default({ allErrors: true, strict: false }).compile(JSON.parse(schema.stdout));
    for (const date of ['2023-11-22', '2023-09-06']) {
      validate(parse(readFileSync(path.join(exampleRoot(), 'meetings', `${date}.yaml`), 'utf8')));
      expect(validate.errors ?? []).toEqual([]);
    }
    // An optional key left empty counts as not given, for agenda and for the editor alike.
    expect(validate(parse('punkter:\n  - fast: økonomi\n    sagsfremstilling:\n'))).toBe(true);
    // And it is no rubber stamp: a misspelt key and a flag that is no flag fail.
    expect(validate({ punkter: [{ fast: 'økonomi', bilagg: [] }] })).toBe(false);
    expect(validate({ punkter: [{ titel: 'X', lukket: 'måske' }] })).toBe(false);
  });
});

describe('agenda new 2023-11-29, then agenda build 2023-11-29', () => {
  const { dir, meetings } = copyOfMeetings();
  const file = path.join(meetings, '2023-11-29.yaml');
  let pdf = '';

  beforeAll(() => {
    const made = agenda(['new'], { cwd: dir });
    expect(made.stderr).toBe('');
    expect(made.stdout).toContain('wrote meetings/2023-11-29.yaml');
    const built = agenda(['build', '2023-11-29', '--out', 'out/a.pdf'], { cwd: dir });
    expect(errorLines(built.stderr)).toEqual([]);
    expect(built.status).toBe(0);
    pdf = text(path.join(dir, 'out', 'a.pdf'));
  });

  it('reviews the political meetings around 29 November from the calendar, with the December cycle ahead', () => {
    const item1 = between(pdf, '1. Beslutningsprotokoller og dagsordener Åben sag', '2. Økonomi Åben sag');
    expect(item1).toContain(
      'Rul december: ØK d. 5/12 2023, KB d. 12/12 2023 - Gennemgang af beslutningsprotokol for - Voksen- og Plejeudvalgsmøde d. 22. november - Kultur- og Fritidsudvalgsmøde d. 28. november',
    );
    expect(item1).toContain(
      'Gennemgang af dagsorden for: - Gruppeformandsmøde d. 5. december - Økonomiudvalgsmøde d. 5. december - Kommende politiske møder: - Erhvervsudvalgsmøde d. 11. december - Temamøde i Kommunalbestyrelsen d. 12. december - Kommunalbestyrelsesmøde d. 12. december',
    );
    expect(item1).not.toMatch(/november 2023|16\. november|Arbejdsmarkedsudvalgsmøde/);
  });

  it("holds the plan's points for 29 November in item 3, and the plan from 6 December in item 4", () => {
    const item3 = between(pdf, '3. Punkter til behandling Åben sag', '4. Eventuelt, herunder');
    expect(item3).toContain('Tid Punkt UDFYLD Oplæg til udmøntningsplan og strategisk udmøntningsplan 2024');
    const item4 = pdf.slice(pdf.lastIndexOf('4. Eventuelt, herunder punkter til næste møde'));
    expect(item4).toMatch(/Dato 6\. Dec\. - Direktionens årsplan/);
    expect(item4).not.toContain('29. Nov.');
  });

  it('wrote a file that validates against agenda schema, and never overwrites it', () => {
    const schemaRun = agenda(['schema', '--out', '-'], { cwd: dir });
    expect(schemaRun.status).toBe(0);
    const validate = new Ajv2020.default({ allErrors: true, strict: false }).compile(JSON.parse(schemaRun.stdout));
    const written = readFileSync(file, 'utf8');
    expect(written.split('\n')[0]).toBe('# yaml-language-server: $schema=schema.json');
    // As an editor reads it: YAML 1.2's core schema, where `tid: 11.00` would be a number.
    const valid = validate(parse(written));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(JSON.parse(readFileSync(path.join(meetings, 'schema.json'), 'utf8'))).toEqual(JSON.parse(schemaRun.stdout));

    writeFileSync(file, `${written}# the clerk's work\n`);
    const again = agenda(['new', '2023-11-29'], { cwd: dir });
    expect(again.status).toBe(2);
    expect(again.stderr).toBe(
      'meetings/2023-11-29.yaml exists already: agenda new never overwrites a meeting (edit it, or delete it first)\n',
    );
    expect(readFileSync(file, 'utf8')).toBe(`${written}# the clerk's work\n`);
  });

  it('and agenda minutes turns it into the minutes draft, with the meetings held and to be held', () => {
    const run = agenda(['minutes', '2023-11-29'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(parse(readFileSync(file, 'utf8')).punkter.map((p: { beslutning?: string }) => p.beslutning !== undefined)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    const built = agenda(['build', '2023-11-29', '--out', 'out/m.pdf'], { cwd: dir });
    expect(built.status).toBe(0);
    const minutes = text(path.join(dir, 'out', 'm.pdf'));
    expect(minutes).toContain(
      'Beslutning i Direktionen den 29-11-2023 Rul december: ØK d. 5/12 2023, KB d. 12/12 2023 Der blev afholdt Voksen- og Plejeudvalgsmøde d. 22. november. Der blev afholdt Kultur- og Fritidsudvalgsmøde d. 28. november.',
    );
    expect(minutes).toContain('Der afholdes Gruppeformandsmøde d. 5. december. Der afholdes Økonomiudvalgsmøde d. 5. december.');
    expect(minutes).toContain('- Oplæg til udmøntningsplan og strategisk udmøntningsplan 2024 UDFYLD');
    expect(agenda(['minutes', '2023-11-29'], { cwd: dir }).status).toBe(2);
  });
});

describe('a finalized meeting', () => {
  it('is rebuilt with the same text after the plan, the calendar and the standing text change', () => {
    const { dir, meetings } = copyOfMeetings();
    const build = (out: string) => {
      const run = agenda(['build', '2023-11-22', '--out', out], { cwd: dir });
      expect(errorLines(run.stderr)).toEqual([]);
      return text(path.join(dir, out));
    };
    // Before: the unchanged meetings' agenda, built once for the suite (test/support/shared-build.ts) from the same files.
    const shared = sharedPdf('meetings', '2023-11-22');
    expect(shared.run.status, shared.run.stderr).toBe(0);
    expect(errorLines(shared.run.stderr)).toEqual([]);
    const before = text(shared.pdf);
    const finalized = agenda(['finalize', '2023-11-22'], { cwd: dir });
    expect(finalized.status).toBe(0);
    expect(existsSync(path.join(meetings, 'arkiv', '2023-11-22', 'plan.yaml'))).toBe(true);

    edit(path.join(meetings, 'plan.yaml'), 'Direktionens årshjul 2023\n      - Status', 'Et nyt punkt\n      - Status');
    edit(path.join(meetings, 'kalender.yaml'), '{ dato: 2023-11-28, udvalg: KFU }', '{ dato: 2023-11-28, udvalg: KFU, aflyst: ja }');
    edit(
      path.join(meetings, 'faste-punkter.yaml'),
      'Det indstilles, at punktet drøftes.',
      'Det indstilles, at punktet tages til efterretning.',
    );
    expect(build('after.pdf')).toBe(before);
    // Byte for byte, even: the PDF carries no time of printing.
    expect(readFileSync(path.join(dir, 'after.pdf'))).toEqual(readFileSync(shared.pdf));

    expect(agenda(['finalize', '2023-11-22'], { cwd: dir }).status).toBe(2);

    // Reopened (its archive gone), the meeting shows every change.
    rmSync(path.join(meetings, 'arkiv'), { recursive: true });
    const reopened = build('reopened.pdf');
    expect(reopened).toContain('- Et nyt punkt');
    expect(reopened).toContain('Kultur- og Fritidsudvalgsmøde d. 28. november (aflyst)');
    expect(reopened).toContain('tages til efterretning');
  });
});

describe('agenda plan', () => {
  it('prints the coming meetings with their points as the plan stands now, cancelled ones and those awaiting a date too', () => {
    const run = agenda(['plan', '--from', '2023-10-11']);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('Direktionen: punkter til kommende møder fra 11. oktober 2023');
    expect(lines).toContain('18. oktober 2023    Aflyst: Efterårsferie');
    expect(lines).toContain('25. oktober 2023    ');
    // Taken off at 15 November, and added then: the plan as it stands now.
    expect(run.stdout).not.toContain('Årligt dialogmøde med skole- og dagtilbudschef');
    expect(run.stdout).toContain('29. november 2023   - Oplæg til udmøntningsplan og strategisk udmøntningsplan 2024');
    expect(run.stdout).toMatch(/Afventer dato {7}- Regeringens lovprogram\./);
    expect(run.stdout).not.toContain('4. oktober 2023');
  });
});

describe('the minutes of 6 September', () => {
  it('say which political meetings were held, and which was cancelled, with the clerk’s remark', () => {
    // Only read: the minutes as built once for the suite (test/support/shared-build.ts).
    const { run, pdf } = sharedPdf('meetings', '2023-09-06');
    expect(run.status, run.stderr).toBe(0);
    const minutes = text(pdf);
    expect(minutes).toContain('Der blev afholdt ekstraordinært Miljø- og Teknikudvalgsmøde d. 30. august.');
    expect(minutes).toContain('Gruppeformandsmøde d. 5. september var aflyst.');
    expect(minutes).toContain('Der blev afholdt Økonomiudvalgsmøde d. 5. september. Der var bl.a. følgende punkter på dagsordenen.');
    expect(minutes).toContain('Der afholdes Kommunalbestyrelsesmøde d. 12. september (1. behandling).');
  });
});
