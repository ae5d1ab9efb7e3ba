import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPdfPath, readMeeting } from '../../src/index.js';
import { exampleRoot } from '../support/examples.js';

// A program that uses agenda as a library (its entry point, src/index.ts, as `import ... from 'agenda'`)
// and names a committee by its folder names its documents as the command line does (documentNames):
// in a repository of several committees with the committee's kort first (ØK-2024-01-09-...), where
// `agenda build` writes them, so a document the program makes is the one the clerk's send and publish find.

describe('the library names a committee’s documents as the command line does', () => {
  it('a committee of a repository of several, given by its folder: its kort before the name', async () => {
    const { meeting } = await readMeeting(path.join(exampleRoot(), 'eksempel', 'udvalg', 'ØK'), '2024-01-09');
    expect(meeting.committeeId).toBe('ØK');
    expect(defaultPdfPath(meeting)).toBe(path.join('out', `ØK-2024-01-09-${meeting.kind}.pdf`));
  });

  it('the one committee of its repository: the name without it', async () => {
    const { meeting } = await readMeeting(path.join(exampleRoot(), 'meetings'), '2023-11-22');
    expect(defaultPdfPath(meeting)).toBe(path.join('out', '2023-11-22-dagsorden.pdf'));
  });
});
