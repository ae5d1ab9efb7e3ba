import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agenda, agendaAsync, copyOfMeetings } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { startSmtpServer } from '../support/smtp.js';

// `agenda diff --public` compares the public version of what was sent with the public version of now:
// what was closed then, and is closed still, reads the same in both (a review of session 22 found a
// closed item's sub-item and attachments told as added, though they went out with it).

const TZ = 'Europe/Copenhagen';
const login = { user: 'sekretariat', password: 'hemmeligt-Kodeord-4711' };
const members = ['jonas@example.org', 'lene@example.org', 'kim@example.org'];
const names = ['Jonas Kroustrup', 'Lene Mehlsen Thomsen', 'Kim Bruun Nielsen'];
const items = `
  - titel: Personalesag
    lukket: ja
    sagsfremstilling: Sagen om en medarbejder.
    underpunkter:
      - titel: Fratrædelse
        sagsfremstilling: Aftalen.
        bilag:
          - { titel: Aftaleudkast, fil: bilag/2023-11-22/2-1.pdf }
  - titel: Byudvikling
    sagsfremstilling: Tre projekter i midtbyen.
    underpunkter:
      - titel: Under offentlig
        sagsfremstilling: Kloakering af Nørregade.
        bilag:
          - { titel: Kort over Nørregade, fil: bilag/2023-11-22/3-2.pdf }
`;

interface Diff {
  changes: Array<{ type: string }>;
}

describe('agenda diff --public of a meeting with a closed item that has a sub-item', () => {
  const { dir, meetings } = copyOfMeetings();
  const meetingFile = path.join(meetings, '2023-11-22.yaml');
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const diff = (...args: string[]) => {
    const result = agenda(['diff', '2023-11-22', ...args], { cwd: dir, env: { TZ } });
    expect(result.status, result.stderr).toBe(0);
    return result.stdout;
  };
  const changes = (...args: string[]) => (JSON.parse(diff('--json', ...args)) as Diff).changes;

  beforeAll(async () => {
    const udvalg = path.join(meetings, 'udvalg.yaml');
    names.forEach((name, i) => edit(udvalg, `    navn: ${name}\n`, `    navn: ${name}\n    email: ${members[i]}\n`));
    writeFileSync(meetingFile, readFileSync(meetingFile, 'utf8') + items);
    smtp = await startSmtpServer(login);
    const sent = await agendaAsync(['send', '2023-11-22'], { cwd: dir, env: { TZ, ...smtp.settings(dir) } });
    expect(sent.status, sent.stderr).toBe(0);
  });
  afterAll(() => smtp.close());

  it("right after send: no change, in the terminal and in --json, as the members' diff", () => {
    expect(changes()).toEqual([]);
    expect(changes('--public')).toEqual([]);
    expect(diff('--public')).toMatch(/^changes in the public version since the version sent \d{4}-\d{2}-\d{2} \d{2}:\d{2}: 0\n$/);
  });

  it('an open item closed since: its sub-item and attachment are not told as added', () => {
    edit(meetingFile, '  - titel: Byudvikling\n', '  - titel: Byudvikling\n    lukket: ja\n');
    expect(changes('--public')).toEqual([]);
    const terminal = diff('--public');
    expect(terminal).not.toContain('added');
    expect(terminal).toMatch(/: 0\n$/);
  });
});
