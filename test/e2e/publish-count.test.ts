import path from 'node:path';
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings } from '../support/cli.js';

// What publish says it did, in words a clerk reads as English: one meeting, not "1 meetings".
describe('publish of one meeting', () => {
  it('says "published 1 meeting"', () => {
    const { dir, meetings } = copyOfMeetings();
    rmSync(path.join(meetings, '2023-09-06.yaml'));
    const publish = agenda(['publish', '--quiet'], { cwd: dir });
    expect(publish.status, publish.stderr).toBe(0);
    expect(publish.stderr).toMatch(/^(?:note: [^\n]*\n)?published 1 meeting to site in [\d.]+ s: [^\n]*\n$/);
  });
});
