import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, tempDir } from '../support/cli.js';
import { closedFixture } from '../support/markers.js';

// `publish --url`: the site's address, which every link of the data and the feeds is made from.

describe('agenda publish --url without a scheme, or not a web address', () => {
  it('is a usage error in one line, exit 2, before anything is printed or written', () => {
    const site = path.join(tempDir(), 'site');
    const addresses = ['moeder.kommune.dk', 'moeder.kommune.dk:8080/', 'ftp://moeder.kommune.dk/', 'https://moeder.kommune.dk/?side=1', ''];
    for (const url of addresses) {
      const run = agenda(['publish', '--meetings', closedFixture, '--out', site, '--url', url]);
      expect(run.status, run.stderr).toBe(2);
      const [line, ...rest] = run.stderr.split('\n');
      expect(rest).toEqual(['']);
      expect(line?.startsWith(`--url ${url}: `), line).toBe(true);
      expect(line?.endsWith("; give the site's address with its scheme, e.g. https://moeder.kommune.dk/"), line).toBe(true);
      expect(existsSync(site), url).toBe(false);
    }
  });
});
