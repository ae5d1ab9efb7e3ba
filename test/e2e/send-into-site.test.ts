import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, copyOfOneMeeting } from '../support/cli.js';

describe('send, forsegl and godkend in a repository published into (a site in its folder)', () => {
  it('write no members’ document into the site: refused before anything is printed', () => {
    const { dir } = copyOfOneMeeting('2023-11-22');
    // A site published into the repository's own folder (publish --out .): its state file marks it.
    writeFileSync(path.join(dir, '.agenda-publish.json'), '{}\n');
    const run = agenda(['send', '2023-11-22', '--dry-run', '--to', 'sekretariat@example.org'], { cwd: dir });
    expect(run.stderr).toMatch(/^out\/, where the document is written, is in the published site .* write the document elsewhere/m);
    expect(run.status).toBe(2);
    expect(existsSync(path.join(dir, 'out')) ? readdirSync(path.join(dir, 'out')) : []).toEqual([]);
  });
});
