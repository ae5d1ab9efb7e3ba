import { describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings } from '../support/cli.js';

describe('agenda new, then agenda check', () => {
  it("tell the clerk one number of texts still to write: the skabelon's text with UDFYLD on two lines is one", () => {
    const { dir } = copyOfMeetings();
    const made = agenda(['new', '2023-12-13'], { cwd: dir });
    expect(made.stdout).toBe(
      'wrote meetings/2023-12-13.yaml: write over UDFYLD in its 4 texts (agenda check 2023-12-13 lists those left), then agenda build 2023-12-13\n',
    );
    const checked = agenda(['check', '2023-12-13'], { cwd: dir });
    const unfilled = checked.stderr.split('\n').filter((line) => line.endsWith('still says UDFYLD: write the text, or remove the key'));
    expect(unfilled.map((line) => line.split(': ')[2])).toEqual([
      'punkter[0].sagsfremstilling',
      'punkter[1].sagsfremstilling',
      'punkter[2].tidsplan[0].tid',
      'punkter[2].tidsplan[1].tid',
    ]);
  });
});
