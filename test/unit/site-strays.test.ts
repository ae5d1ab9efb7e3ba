import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMembersName } from '../../src/pipeline/output.js';
import { isAgendaPdf, recordsPublicAlone } from '../../src/pdf/postprocess.js';
import { straysIn } from '../../src/publish/site-strays.js';
import { tempDir } from '../support/cli.js';

const judges = {
  membersName: isMembersName,
  agendaPdf: isAgendaPdf,
  publicPdf: recordsPublicAlone,
  closedSince: () => Promise.resolve(undefined),
  closedCopy: () => Promise.resolve(undefined),
};

describe('a PDF agenda made that records no audience, in the site and not written by publish', () => {
  it('is publish’s own where the state file lists its SHA-256 for any file (a copy of an older publication’s); else an error', async () => {
    const site = tempDir();
    // As an agenda before 0.3.1 wrote a public document: its inputs recorded, no audience.
    const bytes = Buffer.from('%PDF-1.7\n1 0 obj\n<< /AgendaInputs (abc) >>\nendobj\n%%EOF\n', 'latin1');
    writeFileSync(path.join(site, 'kopi.pdf'), bytes);
    const digest = createHash('sha256').update(bytes).digest('hex');
    const own = () => false;
    const listing = (listed: string[]) => ({
      digestOf: () => undefined,
      anyWith: (d: string) => listed.includes(d),
      publishedNow: () => false,
    });
    expect(await straysIn(site, { own, listed: listing([digest]) }, judges)).toEqual([]);
    const [found] = await straysIn(site, { own, listed: listing(['0'.repeat(64)]) }, judges);
    expect(found?.message).toMatch(/^a PDF agenda made, which publish did not write/);
  });
});
