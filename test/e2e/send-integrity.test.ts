import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { pdfPages } from '../support/pdf.js';
import { exampleRoot } from '../support/examples.js';

const env = { AGENDA_SMTP_HOST: '127.0.0.1', AGENDA_SMTP_PORT: '9', AGENDA_SMTP_FROM: 'sekretariat@example.org' };

describe('agenda send proves the document it mails is this meeting’s', () => {
  it('rebuilds a PDF in out/ that another committee’s build left under the same name, and reuses its own', () => {
    const { dir, meetings } = copyOfMeetings();
    // Without attachment files `send` mails the agenda itself, the file another build can leave behind.
    edit(path.join(meetings, '2023-11-22.yaml'), /^ +fil: .*\n/gm, '');
    edit(path.join(meetings, 'udvalg.yaml'), '    navn: Jonas Kroustrup\n', '    navn: Jonas Kroustrup\n    email: jonas@example.org\n');
    const other = path.join(dir, 'udvalg-b');
    cpSync(meetings, other, { recursive: true });
    edit(path.join(other, 'udvalg.yaml'), /^navn: .*$/m, 'navn: Udvalg B');
    edit(path.join(other, '2023-11-22.yaml'), 'punkter:\n', 'punkter:\n  - titel: Personalesag XQZSECRETB\n    lukket: true\n');
    expect(agenda(['build', '2023-11-22', '--meetings', 'udvalg-b'], { cwd: dir }).status).toBe(0);
    const pdf = path.join(dir, 'out', '2023-11-22-dagsorden.pdf');
    expect(pdfPages(pdf).join('')).toContain('XQZSECRETB');

    const first = agenda(['send', '2023-11-22', '--dry-run'], { cwd: dir, env });
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^built out\/2023-11-22-dagsorden\.pdf\n/);
    const text = pdfPages(pdf).join('');
    expect(text).not.toContain('XQZSECRETB');
    expect(text).not.toContain('Udvalg B');

    const second = agenda(['send', '2023-11-22', '--dry-run'], { cwd: dir, env });
    expect(second.stdout).toMatch(/^reusing out\/2023-11-22-dagsorden\.pdf/);
    const bytes = readFileSync(pdf);
    // The meeting changed: the PDF is no longer made from these inputs.
    edit(path.join(meetings, '2023-11-22.yaml'), 'Råderums workshop', 'Råderumsworkshop');
    const third = agenda(['send', '2023-11-22', '--dry-run'], { cwd: dir, env });
    expect(third.stdout).toMatch(/^built /);
    expect(Buffer.compare(readFileSync(pdf), bytes)).not.toBe(0);
  });

  it("rebuilds a traveling case's agenda when the earlier committee's decision it carries changed", () => {
    const repo = path.join(tempDir('agenda-repo-'), 'repo');
    cpSync(path.join(exampleRoot(), 'eksempel'), repo, { recursive: true });
    edit(
      path.join(repo, 'udvalg', 'KB', 'udvalg.yaml'),
      '{ navn: Jan Petersen, parti: A, rolle: formand }',
      '{ navn: Jan Petersen, parti: A, rolle: formand, email: jan@example.org }',
    );
    const send = () => agenda(['send', '2024-01-16', '--udvalg', 'KB', '--dry-run'], { cwd: repo, env });
    const pdf = path.join(repo, 'out', 'KB-2024-01-16-dagsorden.pdf');
    const first = send();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^built out\/KB-2024-01-16-dagsorden\.pdf\n/);
    expect(send().stdout).toMatch(/^reusing out\/KB-2024-01-16-dagsorden\.pdf/);
    // Økonomiudvalget's minutes, where the case's earlier decision is read from, changed; KB's own files did not.
    edit(
      path.join(repo, 'udvalg', 'ØK', '2024-01-09.yaml'),
      '    beslutning: Anbefalet.',
      '    beslutning: Anbefalet med bemærkning XQZNEWDECISION.',
    );
    const third = send();
    expect(third.stdout).toMatch(/^built out\/KB-2024-01-16-dagsorden\.pdf\n/);
    expect(pdfPages(pdf).join(' ')).toContain('XQZNEWDECISION');
    expect(send().stdout).toMatch(/^reusing /);
  });
});
