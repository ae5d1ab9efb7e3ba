import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { exampleRoot } from '../support/examples.js';

// A document's fingerprint (its PDF's AgendaInputs) counts the case history it shows, not the other
// committees' files: KB's agenda of 16 January takes up case 24/0117, which ØK decided on 9 January.
// An edit of ØK's other item, or a new committee, leaves KB's PDF byte for byte (approvals, seals and
// the send log are bound to its bytes); an edit of ØK's decision on the case reprints it. The adversary's
// review of session 23 found any edit in another committee changed every document that takes up a case.

describe("a document that takes up a case, after edits in another committee's files", () => {
  const root = path.join(tempDir(), 'kommune');
  cpSync(path.join(exampleRoot(), 'eksempel'), root, { recursive: true });
  const pdf = path.join(root, 'out', 'KB-2024-01-16-dagsorden.pdf');
  const ok = path.join(root, 'udvalg', 'ØK', '2024-01-09.yaml');
  const sha256 = () => createHash('sha256').update(readFileSync(pdf)).digest('hex');
  const build = () => {
    const result = agenda(['build', '2024-01-16', '--udvalg', 'KB'], { cwd: root, env: { TZ: 'Europe/Copenhagen' } });
    expect(result.status, result.stderr).toBe(0);
    return result;
  };

  it('is kept byte for byte after an unrelated edit and a new committee; printed anew after an edit of the step it shows', () => {
    build();
    const first = sha256();
    edit(ok, '    beslutning: Godkendt.\n', '    beslutning: Godkendt med en rettelse.\n');
    const lu = path.join(root, 'udvalg', 'LU');
    mkdirSync(lu);
    cpSync(path.join(root, 'udvalg', 'KB', 'udvalg.yaml'), path.join(lu, 'udvalg.yaml'));
    edit(path.join(lu, 'udvalg.yaml'), 'navn: Kommunalbestyrelsen\nkort: KB\n', 'navn: Landdistriktsudvalget\nkort: LU\n');
    build();
    expect(sha256()).toBe(first);
    edit(ok, '    beslutning: Anbefalet.\n', '    beslutning: Anbefalet med en betingelse.\n');
    build();
    expect(sha256()).not.toBe(first);
  }, 300_000);
});
