import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeArchive } from '../../bench/archive-repo.js';
import { recordsFileOf } from '../../src/pipeline/publish-records.js';
import { agendaAsync, tempDir } from '../support/cli.js';
import { cacheWithSuiteConversions } from '../support/shared-build.js';
import { siteBytes } from '../support/site.js';

// What each document's PDF says (publish.ts, contentOf: its public meeting as JSON, and a combined
// document's attachment files) is recorded with its meeting, so a republish does not turn a kept
// meeting's documents to JSON again (issue 33). A combined document's is recorded by its attachment
// files' SHA-256s too: where one of them is other than recorded, what it says is made anew, and it is printed.

const dir = tempDir('agenda-publish-said-');
const repo = path.join(dir, 'arkiv');
const site = path.join(dir, 'site');
const size = { committees: 2, years: 1, meetings: 2 };
// Its records in a cache of its own, with the suite's LibreOffice conversions (the records are the subject).
const env = { TZ: 'Europe/Copenhagen', XDG_CACHE_HOME: cacheWithSuiteConversions(path.join(dir, 'cache')) };
const publish = () => agendaAsync(['publish', '--samlet', '--out', site], { cwd: repo, env });
const printed = (stdout: string) => Number(/(\d+) PDFs printed/.exec(stdout)?.[1]);

interface Index {
  committees: Record<string, { records: string }>;
}

/** Each recorded meeting's `says`, by its key, as the records' files hold them. */
async function recordedSays(): Promise<Map<string, Record<string, string>>> {
  const index = await recordsFileOf(site, env);
  const { committees } = JSON.parse(readFileSync(index, 'utf8')) as Index;
  const says = new Map<string, Record<string, string>>();
  for (const { records } of Object.values(committees)) {
    const file = JSON.parse(readFileSync(path.join(path.dirname(index), records), 'utf8')) as {
      meetings: Record<string, { says: Record<string, string> }>;
    };
    for (const [key, record] of Object.entries(file.meetings)) says.set(key, record.says);
  }
  return says;
}

describe('what a document says, recorded with its meeting', () => {
  let before = new Map<string, Buffer>();
  beforeAll(async () => {
    writeArchive(repo, size);
    const first = await publish();
    expect(first.status, first.stderr).toBe(0);
    before = siteBytes(site);
  }, 600_000);

  it('is recorded for each document of each meeting, a combined one by its attachment files', async () => {
    const says = await recordedSays();
    expect(says.size).toBe(size.committees * size.meetings);
    const keys = [...says.values()].flatMap((s) => Object.keys(s));
    // Every document's and combined document's PDF of the site (not an attachment's, nor an SBSYS copy's).
    const documents = [...before.keys()].filter((f) => /^[^/]+\/[^/]+\.pdf$/.test(f) && !f.includes('-bilag-'));
    expect(documents.length).toBeGreaterThan(0);
    for (const file of documents)
      expect(
        keys.some((key) => key.split('\0')[0] === file),
        file,
      ).toBe(true);
    const combined = keys.filter((key) => key.includes('\0'));
    expect(combined.length).toBeGreaterThan(0);
    for (const key of combined) for (const sha of key.split('\0').slice(1)) expect(sha).toMatch(/^[0-9a-f]{64}$/);
    for (const value of [...says.values()].flatMap((s) => Object.values(s))) expect(value).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is made anew where an attachment file's SHA-256 is other than recorded: its combined document printed, the same bytes", async () => {
    // The recorded hash of one PDF attachment file: its meetings are kept unread (their files' sizes and
    // times are as recorded), and its SHA-256 is taken from the record.
    const hashes = (await recordsFileOf(site, env)).replace(/\.json$/, '.bilag.json');
    const recorded = JSON.parse(readFileSync(hashes, 'utf8')) as Record<string, { sha256: string }>;
    const entry = Object.entries(recorded).find(([k]) => k.endsWith('.pdf'))?.[1];
    expect(entry).toBeDefined();
    if (entry) entry.sha256 = '0'.repeat(64);
    writeFileSync(hashes, JSON.stringify(recorded));
    const run = await publish();
    expect(run.status, run.stderr).toBe(0);
    // Its combined document says another thing, so is printed again (a recorded value by its path alone prints none).
    expect(printed(run.stderr)).toBeGreaterThan(0);
    const after = siteBytes(site);
    for (const [file, bytes] of before) if (file.endsWith('.pdf')) expect(after.get(file)?.equals(bytes), file).toBe(true);
  }, 600_000);
});
