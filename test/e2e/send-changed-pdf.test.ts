import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agenda, agendaAsync, copyOfMeetings } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { pdfInfo } from '../support/pdf.js';
import { startSmtpServer } from '../support/smtp.js';

const login = { user: 'sekretariat', password: 'hemmeligt-Kodeord-4711' };

/**
 * An incremental update, as a PDF reader appends one when the clerk annotates the document: a new
 * object, and a trailer that keeps the document's root and information (AgendaInputs with them).
 */
function appendUpdate(file: string): void {
  const bytes = readFileSync(file);
  const tail = bytes.subarray(-2048).toString('latin1');
  const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref\s*(\d+)\s*%%EOF\s*$/.exec(tail);
  if (!trailer) throw new Error('no classic trailer at the end of the PDF');
  const [, dict = '', previous = ''] = trailer;
  const size = Number(/\/Size (\d+)/.exec(dict)?.[1]);
  const object = `${size} 0 obj\n<< /Type /Annot /Subtype /Text /Rect [50 50 70 70] /Contents (Husk at spørge til budgettet) >>\nendobj\n`;
  const at = bytes.length + 1;
  const xref = at + object.length;
  const kept = dict.replace(/\/Size \d+/, `/Size ${size + 1}`).replace(/\/Prev \d+/, '');
  const entry = `${String(at).padStart(10, '0')} 00000 n \n`;
  const update = `\n${object}xref\n${size} 1\n${entry}trailer\n<<${kept} /Prev ${previous} >>\nstartxref\n${xref}\n%%EOF\n`;
  writeFileSync(file, Buffer.concat([bytes, Buffer.from(update, 'latin1')]));
}

/** A full save by another program that keeps the document information: pdf-lib, loading and saving it with a keyword added. */
async function resave(file: string): Promise<void> {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  doc.setKeywords(['annoteret']);
  writeFileSync(file, await doc.save());
}

describe('agenda send mails only a PDF as the tool made it', () => {
  const { dir, meetings } = copyOfMeetings();
  const pdf = path.join(dir, 'out', '2023-11-22-dagsorden-samlet.pdf');
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let env: NodeJS.ProcessEnv;
  let built: Buffer;

  beforeAll(async () => {
    edit(path.join(meetings, 'udvalg.yaml'), '    navn: Jonas Kroustrup\n', '    navn: Jonas Kroustrup\n    email: jonas@example.org\n');
    smtp = await startSmtpServer(login);
    env = {
      AGENDA_SMTP_HOST: 'localhost',
      AGENDA_SMTP_PORT: String(smtp.port),
      AGENDA_SMTP_USER: login.user,
      AGENDA_SMTP_PASSWORD: login.password,
      AGENDA_SMTP_FROM: 'sekretariat@example.org',
      AGENDA_SMTP_CA: smtp.certificateIn(dir),
    };
    expect(agenda(['build', '2023-11-22', '--samlet'], { cwd: dir }).status).toBe(0);
    built = readFileSync(pdf);
  });
  afterAll(() => smtp.close());

  it('reuses the combined document as built', async () => {
    const run = await agendaAsync(['send', '2023-11-22', '--dry-run'], { cwd: dir, env });
    expect(run.stdout).toMatch(/^reusing out\/2023-11-22-dagsorden-samlet\.pdf/);
  });

  it.each([
    ['an incremental update appended (an annotation)', appendUpdate],
    ['saved whole by another program', resave],
  ])('rebuilds it once it was changed after the build, %s, and mails the bytes it made', async (_, change) => {
    // eslint-disable-next-line @typescript-eslint/await-thenable -- one of the two changes is async, the other not
    await change(pdf);
    expect(readFileSync(pdf).equals(built)).toBe(false);
    expect(pdfInfo(pdf).Title).toBe('Direktionen - Dagsorden 22. november 2023'); // still a PDF, its information kept
    expect(readFileSync(pdf).includes('AgendaInputs')).toBe(true);
    const received = smtp.received.length;
    const run = await agendaAsync(['send', '2023-11-22', '--to', 'lene@example.org', '--force'], { cwd: dir, env });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^built out\/2023-11-22-dagsorden-samlet\.pdf \(the one there was changed after it was built\)\n/);
    const mailed = smtp.received.slice(received).flatMap((r) => r.mail.attachments);
    expect(mailed.map((a) => a.filename)).toEqual(['2023-11-22-dagsorden-samlet.pdf']);
    expect(mailed[0]?.content.equals(built)).toBe(true);
    expect(readFileSync(pdf).equals(built)).toBe(true);
  });
});
