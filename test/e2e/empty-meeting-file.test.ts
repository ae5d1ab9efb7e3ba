import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings } from '../support/cli.js';
import { pdfPages } from '../support/pdf.js';

// A meeting file with nothing in it is valid YAML and a valid meeting: it builds the standing items
// alone. A clerk who saved it before writing, or wrote only a comment, is told, by check and by build.

const warning = (file: string) =>
  `meetings/${file}:1:1: warning: the meeting file is empty (or holds comments only): ` +
  'the meeting has its standing items alone; write its punkter, or remove the file';

describe('an empty meeting file', () => {
  const { dir, meetings } = copyOfMeetings();
  writeFileSync(path.join(meetings, '2023-11-29.yaml'), '');
  writeFileSync(path.join(meetings, '2023-12-06.yaml'), '# Dagsordenen kommer senere.\n');

  it('is named in a warning by agenda check, empty or with a comment only', () => {
    const run = agenda(['check', '--meetings', 'meetings'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stderr.split('\n');
    for (const file of ['2023-11-29.yaml', '2023-12-06.yaml']) expect(lines).toContain(warning(file));
    expect(lines.filter((l) => l.includes('2023-11-22.yaml'))).toEqual([]);
  });

  it('is named in a warning by agenda build, which builds its standing items', () => {
    const run = agenda(['build', '2023-11-29', '--meetings', 'meetings', '--out', 'x.pdf'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr.split('\n')).toContain(warning('2023-11-29.yaml'));
    expect(pdfPages(path.join(dir, 'x.pdf')).join('\n')).toContain('Direktionen');
  });
});
