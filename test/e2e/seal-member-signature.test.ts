import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openCredential } from '../../src/pdf/certificate.js';
import { signPdf } from '../../src/pdf/signature.js';
import { agenda, copyOfMeetings } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { date, membersDocument, password, pdfsig, testCertificate } from '../support/seal.js';

const member = 'Lene Mehlsen Thomsen';
const email = 'lene@example.org';

const signatur = (dir: string, file: string, af = member) => agenda(['signatur', date, file, '--af', af], { cwd: dir });

describe('agenda signatur: a member’s own signature on the PDF they were sent, recorded as their approval', () => {
  let dir: string;
  let meetings: string;
  let sent: ReturnType<typeof membersDocument>;
  let signed: string;
  const log = () => path.join(meetings, `${date}.godkendt.yaml`);

  beforeAll(async () => {
    ({ dir, meetings } = copyOfMeetings());
    edit(path.join(meetings, 'udvalg.yaml'), `    navn: ${member}\n`, `    navn: ${member}\n    email: ${email}\n`);
    // Final minutes, as a member approves only those: the last item decided too.
    const decided = '    indstilling: Dagsordenen for mødet den 13. september blev justeret.\n';
    edit(path.join(meetings, `${date}.yaml`), decided, `${decided}    beslutning: Intet.\n`);
    sent = membersDocument(dir);
    // The send log as agenda send writes it: this document reached the member.
    const name = path.basename(sent.document);
    writeFileSync(
      path.join(meetings, `${date}.sendt.yaml`),
      `- tid: 2023-09-07T08:00:00+02:00\n  til: ${email}\n  dokument: ${name}\n  sha256: ${sent.sha256}\n  sendt: true\n`,
    );
    // The member signs it with a certificate of their own, as their PDF reader would: an incremental update.
    const own = testCertificate(`/CN=${member}`);
    const credential = openCredential(readFileSync(own.p12), password, own.p12);
    signed = path.join(dir, 'underskrevet.pdf');
    writeFileSync(signed, await signPdf(readFileSync(sent.document), credential, new Date('2023-09-08T07:45:00Z')));
    expect(pdfsig(signed)).toContain('Signature is Valid.');
  }, 600_000);

  it('refuses a signed file changed after signing, a document not sent to the member, and a name that is no member, writing nothing', () => {
    const changed = path.join(dir, 'ændret.pdf');
    const bytes = Buffer.from(readFileSync(signed));
    const at = bytes.indexOf('stream') + 200;
    bytes[at] = (bytes[at] ?? 0) ^ 1;
    writeFileSync(changed, bytes);
    const run = signatur(dir, changed);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`${changed}: the signature does not hold: Digest Mismatch.\n`);

    const other = signatur(dir, signed, 'Kim Bruun Nielsen');
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/^Kim Bruun Nielsen: no member of Direktionen on 2023-09-06 with an email in udvalg.yaml/);

    const sendLog = path.join(meetings, `${date}.sendt.yaml`);
    edit(sendLog, sent.sha256, '0'.repeat(64));
    const notSent = signatur(dir, signed);
    edit(sendLog, '0'.repeat(64), sent.sha256);
    expect(notSent.status).toBe(2);
    expect(notSent.stderr).toBe(`${signed}: what ${member} signed is no document the send log records as sent to ${email}\n`);
    expect(existsSync(log())).toBe(false);
  });

  it('refuses a signature by someone other than the member named, writing nothing', async () => {
    const stranger = testCertificate('/CN=Ulla Udenfor');
    const credential = openCredential(readFileSync(stranger.p12), password, stranger.p12);
    const byStranger = path.join(dir, 'fremmed.pdf');
    writeFileSync(byStranger, await signPdf(readFileSync(sent.document), credential, new Date('2023-09-08T07:45:00Z')));
    const run = signatur(dir, byStranger);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`${byStranger}: signed by Ulla Udenfor, not by ${member}\n`);
    expect(existsSync(log())).toBe(false);
  });

  it('records a valid signature over the document sent as the member’s approval of that version, at the signing time', () => {
    const run = signatur(dir, signed);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`signed by ${member}`);
    // With what it covers, as `agenda godkend` records it: the Godkendelsesside counts it as of this text.
    expect(parse(readFileSync(log(), 'utf8'))).toEqual([
      {
        medlem: member,
        tid: '2023-09-08T07:45:00.000Z',
        dokument: path.basename(sent.document),
        sha256: sent.sha256,
        måde: 'signatur',
        indhold: expect.stringMatching(/^[0-9a-f]{64}$/),
        tilføjelser: [],
        punkter: expect.arrayContaining([expect.objectContaining({ titel: expect.stringMatching(/^[0-9a-f]{12}$/) })]),
      },
    ]);
    // Given again, it is not recorded twice.
    expect(signatur(dir, signed).status).toBe(0);
    expect(parse(readFileSync(log(), 'utf8'))).toHaveLength(1);
  });
});
