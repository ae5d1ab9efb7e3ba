import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderAt, findCommittees, type CommitteeFolder } from '../../src/input/repository.js';
import type { Audience, Meeting } from '../../src/model/meeting.js';
import { findBrowser, withBrowser } from '../../src/pdf/browser.js';
import { headingPages, loadPdf } from '../../src/pdf/outline.js';
import { PrintPage } from '../../src/pdf/print.js';
import { openAttachments, type Attachments } from '../../src/pipeline/combine.js';
import { readMeeting } from '../../src/pipeline/document.js';
import { versionFor } from '../../src/pipeline/output.js';
import { printWithContents } from '../../src/pdf/paginate.js';
import { renderDocument } from '../../src/render/html.js';
import type { HeadingPages } from '../../src/shared/printable.js';
import { agenda, copyOfMeetings } from '../support/cli.js';
import { contentsEntries } from '../support/contents.js';
import { exampleRoot } from '../support/examples.js';

/**
 * A first build guesses where its headings land from the document laid out in columns of a page's
 * size (pdf/layout-guess.ts), so that one print can carry the contents' page numbers. The guess is
 * read against the outline of the PDF that comes out; a wrong one must cost a print, never a number.
 */

interface Case {
  label: string;
  meeting: Meeting;
  attachments?: Attachments;
}

async function cases(folder: CommitteeFolder, date: string): Promise<Case[]> {
  const { meeting } = await readMeeting(folder, date);
  const all: Case[] = [];
  for (const audience of ['medlemmer', 'offentlig'] as Audience[]) {
    const version = versionFor(meeting, audience);
    all.push({ label: `${folder.id} ${date} ${audience}`, meeting: version });
    for (const afterItem of [false, true]) {
      const attachments = await openAttachments(folder.dir, version, { afterItem });
      if (attachments.filed.length)
        all.push({ label: `${folder.id} ${date} ${audience} samlet${afterItem ? ' efter punkt' : ''}`, meeting: version, attachments });
    }
  }
  return all;
}

/** The guess for each case's first rendering, and where the headings are in the PDF its build makes. */
async function guessedAndPrinted(all: Case[]): Promise<Array<{ label: string; guessed?: HeadingPages; printed: HeadingPages }>> {
  return withBrowser(findBrowser(), 60_000, async (browser) => {
    const page = await PrintPage.create(browser, { timeoutMs: 60_000 });
    const results = [];
    for (const { label, meeting, attachments } of all) {
      const render = (headings?: HeadingPages) => renderDocument(meeting, headings, attachments?.pages);
      await page.load(render());
      const guessed = await page.guessHeadings();
      // The agenda's print, as the combining of a combined document receives it, read back from its bytes.
      const { doc } = await printWithContents(page, render);
      results.push({ label, guessed, printed: await headingPages(await loadPdf(await doc.save())) });
    }
    return results;
  });
}

describe('the layout guess of a first build', () => {
  it('is where every heading of the example meetings lands: both versions, alone and combined, in two house styles', async () => {
    const all: Case[] = [];
    for (const date of ['2023-09-06', '2023-11-22']) all.push(...(await cases(folderAt(path.join(exampleRoot(), 'meetings')), date)));
    const [kb, ok] = await findCommittees(path.join(exampleRoot(), 'eksempel'));
    all.push(...(await cases(kb!, '2024-01-16')), ...(await cases(ok!, '2024-01-09')));
    const [suf] = await findCommittees(path.join(exampleRoot(), 'fixtures', 'husstil'));
    all.push(
      ...(await cases(suf!, '2012-12-04')),
      ...(await cases(folderAt(path.join(exampleRoot(), 'fixtures', 'lukket')), '2024-03-06')),
    );
    expect(all.filter((c) => c.attachments).length).toBeGreaterThanOrEqual(8);
    for (const { label, guessed, printed } of await guessedAndPrinted(all)) {
      expect(printed.pages.length, label).toBeGreaterThan(2);
      expect(guessed, label).toEqual(printed);
    }
  });

  it('costs a print where it is wrong, never a wrong page number: a house style whose pages it cannot see', async () => {
    const { dir, meetings } = copyOfMeetings();
    // The body's pages, named, with half a page of bottom margin: the columns take the default page's size.
    mkdirSync(path.join(dir, 'husstil'));
    writeFileSync(path.join(dir, 'husstil', 'style.css'), '@page body { margin-bottom: 150mm; }\n');
    const [members] = await guessedAndPrinted((await cases(folderAt(meetings), '2023-11-22')).slice(0, 1));
    expect(members!.guessed!.sheets).toBeLessThan(members!.printed.sheets);
    expect(agenda(['build', '2023-11-22'], { cwd: dir }).status).toBe(0);
    const entries = contentsEntries(path.join(dir, 'out', '2023-11-22-dagsorden.pdf'));
    expect(entries.length).toBeGreaterThan(3);
    for (const e of entries) expect(e.printed, e.title).toBe(e.listed);
  });
});
