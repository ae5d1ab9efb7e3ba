import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { agenda, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { exampleRoot } from '../support/examples.js';

// What a house style builds, publishes: its section headings become the SBSYS XML's element names,
// which cannot begin with a number or hold "²" as a heading may.

describe('a house style whose section headings begin with a number', () => {
  it('checks, builds and publishes: the SBSYS XML names each text from its first letter, the page keeps the heading', () => {
    const repo = path.join(tempDir('agenda-repo-'), 'repo');
    cpSync(path.join(exampleRoot(), 'fixtures', 'husstil'), repo, { recursive: true });
    const style = path.join(repo, 'kommune.yaml');
    edit(style, 'overskrift: Sammendrag }', 'overskrift: "1. Sammendrag" }');
    edit(style, 'overskrift: Administrationens indstilling }', 'overskrift: "2. Administrationens indstilling" }');
    edit(style, 'overskrift: Sagsfremstilling og baggrund }', 'overskrift: "3. Sagsfremstilling" }');
    edit(style, 'overskrift: Lovgrundlag }', 'overskrift: "4. Lovgrundlag, m² og ½" }');
    for (const args of [['check'], ['build', '2012-12-04'], ['publish', '--out', 'site']]) {
      const run = agenda(args, { cwd: repo });
      expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
    }
    const folder = path.join(repo, 'site', 'sbsys', 'sundheds-og-forebyggelsesudvalget-2012-12-04');
    const [xml] = readdirSync(folder).filter((f) => f.endsWith('.xml'));
    const errors: string[] = [];
    const doc = new DOMParser({ onError: (level, message) => void errors.push(`${level}: ${message}`) }).parseFromString(
      readFileSync(path.join(folder, xml ?? ''), 'utf8'),
      'application/xml',
    );
    expect(errors).toEqual([]);
    const texts = Array.from(doc.getElementsByTagName('Indhold')[0]?.childNodes ?? []).filter((n) => n.nodeType === n.ELEMENT_NODE);
    const names = ['Sammendrag', 'Administrationens_indstilling', 'Sagsfremstilling', 'Lovgrundlag_m_og'];
    expect(texts.map((n) => n.nodeName).slice(0, 4)).toEqual(names);
    expect(texts[2]?.textContent).toContain('Udvalget har bedt om et udkast til sundhedspolitik.');
    const page = readFileSync(path.join(repo, 'site', 'sundheds-og-forebyggelsesudvalget', '2012-12-04.html'), 'utf8');
    expect(page).toContain('<h3>1. Sammendrag</h3>');
    expect(page).toContain('<h3>4. Lovgrundlag, m² og ½</h3>');
  });
});
