import { appendFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { approvalLogFile, readApprovalLog } from '../../src/approval/approval-log.js';
import { folderAt } from '../../src/input/repository.js';
import type { Meeting } from '../../src/model/meeting.js';
import { readMeeting } from '../../src/pipeline/document.js';
import { filesBeforeReading, outputFile, outputsOf, sentAs, type OutputRequest } from '../../src/pipeline/output.js';
import { agenda, copyOfMeetings } from '../support/cli.js';
import { edit } from '../support/edit.js';

// One value per output (issue 28): on a copy of the example meetings with two addenda to the agenda
// of 22 November and approved minutes of 6 September in a house with the Godkendelsesside, each
// output's file name is as the documents were named before the value, and the list of a request
// holds exactly the files a real build writes.

const lateItems = `
  - titel: Hasteindstilling om vinterberedskab
    tillæg:
      begrundelse: Vejdirektoratet varsler frost.
    sagsfremstilling: Beredskabet skal på plads.
    bilag:
      - titel: Beredskabsplan vinter 2023
        fil: bilag/2023-11-22/3-1.pdf
  - titel: Anden hastesag
    tillæg:
      nummer: 2
      begrundelse: Endnu senere.
    sagsfremstilling: Sagen.
`;
/** The agenda went out, by hand as `agenda send` logs it: only then may items be added in a tillægsdagsorden. */
const sent = `- tid: 2023-11-15T10:00:00+01:00
  til: jonas@example.org
  dokument: 2023-11-22-dagsorden.pdf
  sha256: ${'0'.repeat(64)}
  sendt: true
`;
const approval = `- medlem: Lene Mehlsen Thomsen
  tid: 2023-09-20T10:00:00+02:00
  dokument: 2023-09-06-referat.pdf
  sha256: ${'1'.repeat(64)}
  måde: mail
`;

describe('the outputs of a meeting', () => {
  const { dir, meetings } = copyOfMeetings();
  const read = async (date: string) => (await readMeeting(meetings, date)).meeting;
  const names = (meeting: Meeting, request: OutputRequest, log = approvals) =>
    outputsOf(meeting, request, log).map((o) => path.basename(outputFile(o)));
  let agendaMeeting: Meeting;
  let minutes: Meeting;
  let approvals: Awaited<ReturnType<typeof readApprovalLog>>;

  beforeAll(async () => {
    appendFileSync(path.join(meetings, 'udvalg.yaml'), 'husstil:\n  godkendelse:\n    side: godkendelsesside\n');
    appendFileSync(path.join(meetings, '2023-11-22.yaml'), lateItems);
    writeFileSync(path.join(meetings, '2023-11-22.sendt.yaml'), sent);
    // The last item decided, so the minutes are final.
    const decided = '    indstilling: Dagsordenen for mødet den 13. september blev justeret.\n';
    edit(path.join(meetings, '2023-09-06.yaml'), decided, `${decided}    beslutning: Intet.\n`);
    writeFileSync(approvalLogFile(meetings, '2023-09-06'), approval);
    approvals = await readApprovalLog(approvalLogFile(meetings, '2023-09-06'));
    [agendaMeeting, minutes] = await Promise.all([read('2023-11-22'), read('2023-09-06')]);
  });

  it('names each document as it was named before: the agenda, its addenda, the minutes, the approved minutes, public and combined', () => {
    const both: OutputRequest = { audiences: ['medlemmer', 'offentlig'] };
    expect(names(agendaMeeting, both)).toEqual([
      '2023-11-22-dagsorden.pdf',
      '2023-11-22-tillaegsdagsorden.pdf',
      '2023-11-22-tillaegsdagsorden-2.pdf',
      '2023-11-22-dagsorden-offentlig.pdf',
      '2023-11-22-tillaegsdagsorden-offentlig.pdf',
      '2023-11-22-tillaegsdagsorden-2-offentlig.pdf',
    ]);
    expect(names(minutes, both)).toEqual(['2023-09-06-referat.pdf', '2023-09-06-referat-godkendt.pdf', '2023-09-06-referat-offentlig.pdf']);
    expect(names(minutes, both, [])).toEqual(['2023-09-06-referat.pdf', '2023-09-06-referat-offentlig.pdf']);
    expect(names(minutes, { ...both, combined: 'instead' })).toEqual([
      '2023-09-06-referat-samlet.pdf',
      '2023-09-06-referat-samlet-godkendt.pdf',
      '2023-09-06-referat-offentlig-samlet.pdf',
    ]);
  });

  it('puts the combined document beside each document with attachment files (publish), or in its place (send)', () => {
    // The agenda of 22 November has files, its first addendum one, the second none.
    expect(names(agendaMeeting, { audiences: ['offentlig'], combined: 'beside' })).toEqual([
      '2023-11-22-dagsorden-offentlig.pdf',
      '2023-11-22-dagsorden-offentlig-samlet.pdf',
      '2023-11-22-tillaegsdagsorden-offentlig.pdf',
      '2023-11-22-tillaegsdagsorden-offentlig-samlet.pdf',
      '2023-11-22-tillaegsdagsorden-2-offentlig.pdf',
    ]);
    const delivered = outputsOf(agendaMeeting, { audiences: ['medlemmer'] }).map((output) => path.basename(outputFile(sentAs(output))));
    expect(delivered).toEqual([
      '2023-11-22-dagsorden-samlet.pdf',
      '2023-11-22-tillaegsdagsorden-samlet.pdf',
      '2023-11-22-tillaegsdagsorden-2.pdf',
    ]);
    expect(path.basename(outputFile(sentAs({ document: minutes })))).toBe('2023-09-06-referat-samlet.pdf');
  });

  it('names a committee of a repository, a folder of its own, and a file named with --out', () => {
    const named = { ...minutes, committeeId: 'ØK' };
    expect(outputFile({ document: named }, { outDir: 'pdf' })).toBe(path.join('pdf', 'ØK-2023-09-06-referat.pdf'));
    expect(outputFile({ document: minutes, approved: true }, { out: 'x.pdf' })).toBe('x-godkendt.pdf');
    expect(outputFile({ document: minutes, combined: { afterItem: true } }, { out: 'x.pdf' })).toBe('x.pdf');
    expect(filesBeforeReading(folderAt(meetings), '2023-09-06', 'offentlig')).toEqual([
      path.join('out', '2023-09-06-dagsorden-offentlig.pdf'),
      path.join('out', '2023-09-06-referat-offentlig.pdf'),
    ]);
  });

  it('lists exactly the files a real build --both --samlet writes', () => {
    const build = agenda(['build', '2023-09-06', '2023-11-22', '--both', '--samlet', '--quiet'], { cwd: dir });
    expect(build.status, build.stderr).toBe(0);
    const request: OutputRequest = { audiences: ['medlemmer', 'offentlig'], combined: 'instead' };
    const listed = [...names(minutes, request), ...names(agendaMeeting, request, [])];
    expect(listed).toHaveLength(9);
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(listed.sort());
  });
});
