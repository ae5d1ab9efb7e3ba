import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, tempDir } from '../support/cli.js';
import { closedFixture } from '../support/markers.js';
import { siteFiles } from '../support/site.js';

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

describe('agenda publish --url naming a file, or with a password', () => {
  it('refuses the front page’s address (…/index.html), naming its folder to give instead, before anything is written', () => {
    const site = path.join(tempDir(), 'site');
    const url = 'https://moeder.kommune.dk/dagsordener/index.html';
    const run = agenda(['publish', '--meetings', closedFixture, '--out', site, '--url', url]);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toBe(
      `--url ${url}: index.html names a file, not the site's folder: give the folder (https://moeder.kommune.dk/dagsordener/); give the site's address with its scheme, e.g. https://moeder.kommune.dk/\n`,
    );
    expect(existsSync(site)).toBe(false);
  });

  it('never echoes a user’s password in a refusal, whatever the address', () => {
    const site = path.join(tempDir(), 'site');
    for (const url of [
      'https://sek:XQZPASS@moeder.kommune.dk/',
      'sek:XQZPASS@moeder.kommune.dk',
      'https://sek:XQZ/PASS@moeder.kommune.dk/',
    ]) {
      const run = agenda(['publish', '--meetings', closedFixture, '--out', site, '--url', url]);
      expect(run.status, url).toBe(2);
      expect(run.stderr, url).not.toContain('XQZ');
      expect(run.stderr, url).toContain('…@moeder.kommune.dk');
    }
  });
});

describe('agenda publish --url as a clerk may type it: capitals, æøå in the domain, the default port, no closing slash', () => {
  it('files every part of the data under its path and names it by the address as a browser writes it', () => {
    const site = path.join(tempDir(), 'site');
    const run = agenda(['publish', '--meetings', closedFixture, '--out', site, '--url', 'https://Møder.Kommune.dk:443/Dagsordener']);
    expect(run.status, run.stderr).toBe(0);
    const files = siteFiles(site);
    expect(files.filter((f) => f.startsWith('https:'))).toEqual([]);
    const place = files.find((f) => /^data\/[^/]+\/\d{4}-\d\d-\d\d\/sted\.json$/.test(f));
    expect(place).toBeDefined();
    const { id } = JSON.parse(readFileSync(path.join(site, place ?? ''), 'utf8')) as { id: string };
    expect(id).toBe(`https://xn--mder-gra.kommune.dk/Dagsordener/${place}`);
  });
});
