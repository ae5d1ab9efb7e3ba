// A municipality's archive for `npm run bench -- archive` and the split test: committees × years ×
// meetings, each committee a folder of udvalg/ as in eksempel/, its meetings the two references
// (meetings/2023-11-22.yaml, an agenda; 2023-09-06.yaml, minutes with 21 attachments) in turn, with
// what a real archive varies varied: the committee's name and members, the dates, the people named,
// the documents' numbers, the attachments' titles and a sentence of words. Seeded: the same sizes give
// the same bytes.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sharedFiles } from '../src/input/load.js';
import { packageRoot } from '../src/shared/paths.js';
import { random as seeded } from '../test/support/mutate.js';
import { settle } from '../test/support/times.js';

export interface ArchiveSize {
  committees: number;
  years: number;
  /** Meetings of each committee in a year. */
  meetings: number;
}

export const fullArchive: ArchiveSize = { committees: 20, years: 10, meetings: 20 };

/** The last year of the archive: the references' own, whose calendar and forward plan they read. */
const lastYear = 2023;

export const committeeNames = [
  'Økonomiudvalget',
  'Kommunalbestyrelsen',
  'Børne- og Ungdomsudvalget',
  'Miljø- og Teknikudvalget',
  'Arbejdsmarkedsudvalget',
  'Voksen- og Plejeudvalget',
  'Kultur- og Fritidsudvalget',
  'Erhvervsudvalget',
  'Sundhedsudvalget',
  'Socialudvalget',
  'Klimaudvalget',
  'Planudvalget',
  'Skoleudvalget',
  'Beskæftigelsesudvalget',
  'Integrationsrådet',
  'Handicaprådet',
  'Ældrerådet',
  'Landdistriktsudvalget',
  'Trafiksikkerhedsrådet',
  'Folkeoplysningsudvalget',
];
const firstNames = [
  'Anne',
  'Jens',
  'Mette',
  'Lars',
  'Sofie',
  'Peter',
  'Karen',
  'Ole',
  'Hanne',
  'Søren',
  'Birgitte',
  'Niels',
  'Lone',
  'Mikkel',
  'Ida',
  'Rasmus',
];
const lastNames = [
  'Jensen',
  'Nielsen',
  'Hansen',
  'Pedersen',
  'Andersen',
  'Christensen',
  'Larsen',
  'Sørensen',
  'Rasmussen',
  'Jørgensen',
  'Madsen',
  'Kristensen',
  'Olsen',
  'Thomsen',
  'Poulsen',
  'Johansen',
];
const parties = ['A', 'V', 'C', 'F', 'O', 'Ø', 'B', 'I'];
const words = (
  'budget anlæg skole daginstitution plejecenter vej cykelsti kloak spildevand affald genbrug havn bibliotek idrætshal ' +
  'svømmehal lokalplan kommuneplan byggetilladelse klimatilpasning oversvømmelse grundvand natur skov strand turisme ' +
  'erhverv beskæftigelse integration sygefravær rekruttering digitalisering borgerservice takster udbud licitation ' +
  'vinterberedskab kollektiv trafik busrute skolebus ungdomsboliger ældreboliger hjemmepleje rehabilitering forebyggelse ' +
  'psykiatri misbrug handicap tilgængelighed kulturhus musikskole folkeoplysning foreningstilskud landsbyfornyelse ' +
  'vindmøller solceller fjernvarme energirenovering bygningsvedligehold regnskab revision likviditet låneoptagelse'
).split(' ');

type Random = ReturnType<typeof seeded>;
/** The item at `i` of a list the caller knows it is in (a pick's index, or one taken modulo the list's length). */
function nth<T>(xs: readonly T[], i: number): T {
  const x = xs[i];
  if (x === undefined)
    throw new Error(
      `no item ${i} in a list of ${xs.length}: every list here is fixed and not empty, and each index is taken within its length`,
    );
  return x;
}
const pick = <T>(random: Random, xs: readonly T[]): T => nth(xs, Math.floor(random() * xs.length));
const person = (random: Random) => `${pick(random, firstNames)} ${pick(random, lastNames)}`;
const sentence = (random: Random, n: number) => Array.from({ length: n }, () => pick(random, words)).join(' ');
const capitalized = (text: string) => text.charAt(0).toLocaleUpperCase('da') + text.slice(1);

/** The committee's short name: its initials, numbered where two would be alike. */
const shortName = (index: number) => `U${String(index + 1).padStart(2, '0')}`;

/** The meetings' dates of a committee: `meetings` a year, spread over the year, committees on different weekdays. */
export function meetingDates(size: ArchiveSize, committee: number): string[] {
  const dates: string[] = [];
  for (let year = lastYear - size.years + 1; year <= lastYear; year++) {
    const step = Math.floor(350 / size.meetings);
    for (let k = 0; k < size.meetings; k++)
      dates.push(new Date(Date.UTC(year, 0, 8 + k * step + (committee % 5))).toISOString().slice(0, 10));
  }
  return dates;
}

/** Writes the archive into `root` (kommune.yaml, udvalg/<kort>/...), its files' times an hour back; the folder of each committee. */
export function writeArchive(root: string, size: ArchiveSize, seed = 33): string[] {
  const source = path.join(packageRoot, 'meetings');
  const references = ['2023-11-22.yaml', '2023-09-06.yaml'].map((f) => readFileSync(path.join(source, f), 'utf8'));
  const committeeFile = readFileSync(path.join(source, sharedFiles.committee), 'utf8');
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, 'kommune.yaml'), 'navn: Norddjurs Kommune\n');
  const committees = Array.from({ length: size.committees }, (_, c) => {
    const random = seeded(seed * 1000 + c);
    const dir = path.join(root, 'udvalg', shortName(c));
    mkdirSync(dir, { recursive: true });
    for (const f of [sharedFiles.standingItems, sharedFiles.calendar]) cpSync(path.join(source, f), path.join(dir, f));
    // The reference's forward plan names 2023's Wednesdays, which are not these committees' dates.
    writeFileSync(path.join(dir, sharedFiles.forwardPlan), 'møder: []\n');
    cpSync(path.join(source, 'bilag'), path.join(dir, 'bilag'), { recursive: true });
    const dates = meetingDates(size, c);
    writeFileSync(path.join(dir, sharedFiles.committee), committeeYaml(committeeFile, c, dates, random));
    dates.forEach((date, i) => writeFileSync(path.join(dir, `${date}.yaml`), meetingYaml(nth(references, i % 2), date, random)));
    return dir;
  });
  // A clerk's archive is older than the seconds a republish does not trust (src/pipeline/quick-check.ts).
  settle(root);
  return committees;
}

/** The reference's udvalg.yaml with the committee's own name, members and dates. */
function committeeYaml(reference: string, c: number, dates: string[], random: Random): string {
  const name =
    nth(committeeNames, c % committeeNames.length) + (c >= committeeNames.length ? ` ${Math.floor(c / committeeNames.length) + 1}` : '');
  const members = Array.from(
    { length: 5 },
    (_, m) => `  - { navn: ${person(random)}, parti: ${pick(random, parties)}${m === 0 ? ', rolle: formand' : ''} }`,
  );
  const head = reference.slice(0, reference.indexOf('medlemmer:')).replace(/^navn: .*$/m, `navn: ${name}\nkort: ${shortName(c)}`);
  return `${head}medlemmer:\n${members.join('\n')}\nmødeplan:\n  datoer: [${dates.join(', ')}]\n`;
}

/**
 * A reference meeting on `date`, its people, numbers, attachment titles and first text varied, and an
 * item of a case (`sag:`), as nearly every item of a real archive has: one of the year's 40 cases, which
 * travel between committees, so each document shows the case's earlier decisions.
 */
function meetingYaml(reference: string, date: string, random: Random): string {
  const yy = date.slice(2, 4);
  const decided = reference.includes('beslutning:') ? `    beslutning: ${sentence(random, 4)} godkendt.\n` : '';
  const caseItem =
    `\n  - titel: ${capitalized(sentence(random, 3))}\n    sag: ${yy}/${String(1 + Math.floor(random() * 40)).padStart(4, '0')}\n` +
    `    sagsfremstilling: Sagen om ${sentence(random, 8)}.\n    indstilling: Det indstilles, at ${sentence(random, 4)} godkendes.\n${decided}`;
  return reference
    .replace(/(Bettina Andersen|Trine Kjær Poulsen|Mette Løvholm|Maria Drejer Petersen|Anne-Marie Bentzen|Trine Grejsen)/g, () =>
      person(random),
    )
    .replace(/dokument: \d+\/\d+/g, () => `dokument: ${100000 + Math.floor(random() * 900000)}/${yy}`)
    .replace(/^( {6}- titel: )(.*)$/gm, (_, lead: string, title: string) => `${lead}${title} (${sentence(random, 2)})`)
    .replace('    sagsfremstilling: |\n', () => `    sagsfremstilling: |\n      Mødet ${date} drøfter ${sentence(random, 6)}.\n\n`)
    .concat(caseItem);
}

/** One meeting's file changed as a clerk corrects it: a sentence added to its first text. */
export function changeMeeting(file: string, words: string): void {
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace('    sagsfremstilling: |\n', `    sagsfremstilling: |\n      Rettelse: ${words}.\n\n`));
}
