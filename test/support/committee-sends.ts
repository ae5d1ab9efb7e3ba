import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { agenda, agendaAsync, copyOfMeetings, tempDir, type CliResult } from './cli.js';
import { exampleSend, giveAddresses, startSmtpServer } from './smtp.js';

// The example committee (meetings/) in a copy of its repository, sending to a real mail server, and
// the second committee a repository may gain: from then on every command names the first's documents
// with its committee's name (meetings-2023-11-22-dagsorden.pdf), where a send may have named them without.

const { TZ, login } = exampleSend;

/** The meeting sent. */
export const sentDate = '2023-11-22';

/** The title of the item `addLateItem` adds in a tillægsdagsorden. */
export const lateItem = 'Hasteindstilling om vinterberedskab';

/**
 * A second committee (Økonomiudvalget, kort OK) beside the one whose udvalg.yaml is `udvalgFile`, in
 * the repository at `dir`: its udvalg.yaml is the first's, but its name and kort.
 */
export function gainCommittee(dir: string, udvalgFile: string): void {
  const other = path.join(dir, 'udvalg', 'OK', 'udvalg.yaml');
  mkdirSync(path.dirname(other), { recursive: true });
  const own = readFileSync(udvalgFile, 'utf8').replace(/^kort:.*\n/m, '');
  if (!/^navn: .*$/m.test(own)) throw new Error(`${udvalgFile}: no navn to replace`);
  writeFileSync(other, own.replace(/^navn: .*$/m, 'navn: Økonomiudvalget\nkort: OK'));
}

/**
 * The example committee with its members' addresses, in a copy of its repository, and a mail server
 * (`start` in a test's beforeAll, `close` in its afterAll) that its sends of `sentDate` go to; a site folder to publish to.
 */
export function committeeThatSends() {
  const { dir, meetings } = copyOfMeetings();
  const udvalg = path.join(meetings, 'udvalg.yaml');
  const meetingFile = path.join(meetings, `${sentDate}.yaml`);
  const site = path.join(tempDir(), 'site');
  let smtp: Awaited<ReturnType<typeof startSmtpServer>> | undefined;
  const server = () => {
    if (!smtp) throw new Error('the mail server is not started: call start() in beforeAll');
    return smtp;
  };
  return {
    dir,
    meetings,
    meetingFile,
    site,
    async start(): Promise<void> {
      giveAddresses(udvalg);
      smtp = await startSmtpServer(login);
    },
    close: () => smtp?.close(),
    /** The messages the server received. */
    received: () => server().received,
    /** `agenda send` of the meeting, to the server. */
    send: (): Promise<CliResult> => agendaAsync(['send', sentDate], { cwd: dir, env: { TZ, ...server().settings(dir) } }),
    /** `agenda publish` into `site` (or the folder `--out` names), with the site's address; `choice`, which committees. */
    publish: (...choice: string[]): CliResult =>
      agenda(['publish', ...choice, '--out', site, '--url', 'https://dagsorden.example.dk/'], { cwd: dir, env: { TZ } }),
    gainCommittee: () => gainCommittee(dir, udvalg),
    /** An item added in the first tillægsdagsorden (`lateItem`). */
    addLateItem: () =>
      writeFileSync(
        meetingFile,
        `${readFileSync(meetingFile, 'utf8')}  - titel: ${lateItem}\n    tillæg: 1\n    sagsfremstilling: Beredskabet skal på plads inden næste møde.\n`,
      ),
  };
}
