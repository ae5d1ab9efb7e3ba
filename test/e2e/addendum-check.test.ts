import { readFileSync, writeFileSync } from 'node:fs';
import { parseFeed } from '@rowanmanning/feed-parser';
import { DOMParser } from '@xmldom/xmldom';
import xpath from 'xpath';
import { parse } from 'yaml';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agenda, agendaAsync, copyOfOneMeeting, errorLines, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { pdfPages } from '../support/pdf.js';
import { fetchOnce, printed, startPreview } from '../support/preview.js';
import { startSmtpServer } from '../support/smtp.js';

// `agenda check` and the preview know the tillægsdagsorden (issue 30): check tells its problems as
// build does, located, and which items form each addendum; the preview shows the addendum's pages.

const TZ = 'Europe/Copenhagen';
const login = { user: 'sekretariat', password: 'hemmeligt-Kodeord-4711' };
const members = ['jonas@example.org', 'lene@example.org', 'kim@example.org'];
const names = ['Jonas Kroustrup', 'Lene Mehlsen Thomsen', 'Kim Bruun Nielsen'];
const late = 'Hasteindstilling om vinterberedskab';
const lateItems = `
  - titel: ${late}
    sag: 23-0815
    tillæg: 1
    sagsfremstilling: Beredskabet skal på plads inden næste møde.
  - titel: Indkøb af saltspreder
    tillæg: 1
    sagsfremstilling: En ny saltspreder.
`;

describe('agenda check and the preview, with a tillægsdagsorden', () => {
  const { dir, meetings } = copyOfOneMeeting('2023-11-22');
  const meetingFile = path.join(meetings, '2023-11-22.yaml');
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let env: NodeJS.ProcessEnv;
  const run = (...args: string[]) => agenda(args, { cwd: dir, env: { TZ } });
  const send = async () => {
    const result = await agendaAsync(['send', '2023-11-22'], { cwd: dir, env });
    expect(result.status, result.stderr).toBe(0);
  };
  const site = path.join(tempDir(), 'site');
  const feed = path.join(site, 'direktionen', 'dokumenter.atom');
  const publish = () =>
    expect(run('publish', '--meetings', 'meetings', '--out', site, '--url', 'https://dagsorden.example.dk/').status).toBe(0);
  /** The meeting's entry as the feed library reads it, and the addenda it links (rel related). */
  const entry = () => {
    const item = parseFeed(readFileSync(feed, 'utf8')).items.find((i) => /,2023-11-22:[^/]+\/dagsorden$/.test(i.id ?? ''));
    const doc = new DOMParser().parseFromString(readFileSync(feed, 'utf8'), 'application/xml') as unknown as Node;
    const select = xpath.useNamespaces({ atom: 'http://www.w3.org/2005/Atom' });
    const links = select('/atom:feed/atom:entry[contains(atom:id, "2023-11-22")]/atom:link[@rel="related"]', doc) as Element[];
    return {
      id: item?.id,
      updated: item?.updated?.toISOString(),
      related: links.map((l) => [l.getAttribute('title'), l.getAttribute('href')]),
    };
  };
  /** The line of the meeting file that holds `text`, counted from 1. */
  const lineOf = (text: string) => readFileSync(meetingFile, 'utf8').split('\n').indexOf(text) + 1;

  beforeAll(async () => {
    const udvalg = path.join(meetings, 'udvalg.yaml');
    names.forEach((name, i) => edit(udvalg, `    navn: ${name}\n`, `    navn: ${name}\n    email: ${members[i]}\n`));
    smtp = await startSmtpServer(login);
    env = { TZ, ...smtp.settings(dir) };
  });
  afterAll(() => smtp.close());

  it('check refuses, located as build does, an addendum to an agenda never sent', () => {
    const before = readFileSync(meetingFile, 'utf8');
    writeFileSync(meetingFile, before + lateItems);
    try {
      const check = run('check', '2023-11-22');
      const build = run('build', '2023-11-22');
      const refusal = (line: number, place: number) =>
        `meetings/2023-11-22.yaml:${line}:5: punkter[${place}].tillæg: an item added in a tillægsdagsorden, but the agenda was never sent (2023-11-22.sendt.yaml holds no 2023-11-22-dagsorden.pdf or 2023-11-22-dagsorden-samlet.pdf): without tillæg the item is on the agenda`;
      const [first, second] = readFileSync(meetingFile, 'utf8')
        .split('\n')
        .flatMap((l, i) => (l === '    tillæg: 1' ? [i + 1] : []));
      expect(errorLines(check.stderr)).toEqual([refusal(first ?? 0, 3), refusal(second ?? 0, 4)]);
      expect(errorLines(check.stderr)).toEqual(errorLines(build.stderr).filter((l) => l.startsWith('meetings/')));
      expect(check.stdout).toBe('checked 5 files: 2 errors, 0 warnings\n');
      expect(check.status).toBe(1);
    } finally {
      writeFileSync(meetingFile, before);
    }
  });

  it('check says which items form the addendum, in the terminal and as JSON', async () => {
    await send();
    publish();
    writeFileSync(meetingFile, readFileSync(meetingFile, 'utf8') + lateItems);
    const check = run('check', '2023-11-22');
    expect(check.stderr).toBe('');
    expect(check.stdout).toBe(
      `meetings/2023-11-22.yaml: tillægsdagsorden 1: items 5 ${late}, 6 Indkøb af saltspreder\nchecked 5 files: 0 errors, 0 warnings\n`,
    );
    const json = JSON.parse(run('check', '2023-11-22', '--json').stdout) as { addenda: unknown };
    expect(json.addenda).toEqual([
      {
        file: 'meetings/2023-11-22.yaml',
        date: '2023-11-22',
        number: 1,
        items: [
          { number: 5, title: late },
          { number: 6, title: 'Indkøb af saltspreder' },
        ],
      },
    ]);
  });

  it("the addendum published is an update of the meeting's Atom entry: the same id, updated moved, the addendum linked", () => {
    const before = entry();
    expect(before.id).toBeDefined();
    expect(before.related).toEqual([]);
    publish();
    const after = entry();
    expect(after.id).toBe(before.id);
    expect(Date.parse(after.updated ?? '')).toBeGreaterThan(Date.parse(before.updated ?? ''));
    expect(after.related).toEqual([
      ['Tillægsdagsorden', 'https://dagsorden.example.dk/direktionen/2023-11-22-tillaegsdagsorden-offentlig.pdf'],
    ]);
  });

  it('the preview shows the agenda as sent, then the addendum with its own front page', async () => {
    const preview = await startPreview(['--meetings', 'meetings'], { cwd: dir, env: { TZ } });
    try {
      for (const audience of ['medlemmer', 'offentlig']) {
        await fetchOnce(`${preview.url}events?audience=${audience}`, printed);
        const file = path.join(dir, `preview-${audience}.pdf`);
        writeFileSync(file, (await fetchOnce(`${preview.url}document.pdf?audience=${audience}`)).body);
        const pages = pdfPages(file);
        const fronts = pages.flatMap((p, i) => (/^(TILLÆGS)?DAGSORDEN$/m.test(p) ? [[i, /TILLÆGSDAGSORDEN/.test(p)]] : []));
        expect(
          fronts.map(([, addendum]) => addendum),
          audience,
        ).toEqual([false, true]);
        const addendumStart = Number(fronts[1]?.[0]);
        expect(pages.slice(0, addendumStart).join('\n')).not.toContain(late);
        expect(pages.slice(addendumStart).join('\n')).toContain(`5. ${late}`);
      }
    } finally {
      await preview.interrupt();
    }
  });

  it('check refuses, located, an item moved out of the addendum it was sent in', async () => {
    await send();
    const sent = readFileSync(meetingFile, 'utf8');
    edit(meetingFile, '    tillæg: 1\n    sagsfremstilling: En ny saltspreder.\n', '    sagsfremstilling: En ny saltspreder.\n');
    const check = run('check', '2023-11-22');
    expect(errorLines(check.stderr)).toEqual([
      `meetings/2023-11-22.yaml:${lineOf('  - titel: Indkøb af saltspreder')}:5: punkter[4]: Indkøb af saltspreder went out in 2023-11-22-tillaegsdagsorden.pdf, sent already; it cannot be moved to 2023-11-22-dagsorden.pdf: put tillæg back as it was, or take it up at another meeting`,
    ]);
    expect(check.status).toBe(1);
    writeFileSync(meetingFile, sent);
  });

  it('knows an item sent by its case number (sag): renamed, it is no move; renamed and moved, it is refused', () => {
    const sent = readFileSync(meetingFile, 'utf8');
    const log = parse(readFileSync(path.join(meetings, '2023-11-22.sendt.yaml'), 'utf8')) as Array<{ punkter: unknown[] }>;
    expect(log.at(-1)?.punkter).toEqual([{ titel: late, sag: '23-0815' }, 'Indkøb af saltspreder']);
    const renamed = 'Vinterberedskab 2023-24';
    edit(meetingFile, `  - titel: ${late}\n`, `  - titel: ${renamed}\n`);
    const check = run('check', '2023-11-22');
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    edit(meetingFile, '    sag: 23-0815\n    tillæg: 1\n', '    sag: 23-0815\n');
    const moved = run('check', '2023-11-22');
    expect(errorLines(moved.stderr)).toEqual([
      `meetings/2023-11-22.yaml:${lineOf(`  - titel: ${renamed}`)}:5: punkter[3]: ${renamed} went out in 2023-11-22-tillaegsdagsorden.pdf, sent already; it cannot be moved to 2023-11-22-dagsorden.pdf: put tillæg back as it was, or take it up at another meeting`,
    ]);
    expect(moved.status).toBe(1);
    writeFileSync(meetingFile, sent);
  });

  it('refuses a move where the case number tells no one item: shared with another item, or removed since', () => {
    const sent = readFileSync(meetingFile, 'utf8');
    const refused = `meetings/2023-11-22.yaml:${lineOf(`  - titel: ${late}`)}:5: punkter[3]: ${late} went out in 2023-11-22-tillaegsdagsorden.pdf, sent already; it cannot be moved to 2023-11-22-dagsorden.pdf: put tillæg back as it was, or take it up at another meeting`;
    const moved = () => edit(meetingFile, '    sag: 23-0815\n    tillæg: 1\n', '    sag: 23-0815\n');
    writeFileSync(
      meetingFile,
      `${sent}  - titel: Opfølgning på beredskabet\n    sag: 23-0815\n    tillæg: 1\n    sagsfremstilling: Mere.\n`,
    );
    moved();
    expect(errorLines(run('check', '2023-11-22').stderr)).toEqual([refused]);
    writeFileSync(meetingFile, sent);
    edit(meetingFile, '    sag: 23-0815\n    tillæg: 1\n', '');
    expect(errorLines(run('check', '2023-11-22').stderr)).toEqual([refused]);
    writeFileSync(meetingFile, sent);
  });
});
