import path from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { flag, wholeNumber } from '../input/fields.js';
import { validate } from '../input/validate.js';
import { readYamlFile } from '../input/yaml-file.js';
import { exists, meetingsFolder } from '../input/read-file.js';
import type { DocumentVersion } from '../model/versions.js';
import { InputError } from '../shared/errors.js';
import { writeAtomically } from '../shared/files.js';

// What each version sent said, kept beside the send log so that `agenda diff` and a corrected send
// can tell what changed since: the members' version and the public one (made from the public model,
// so a public comparison never reads a closed word), by the SHA-256 of the PDF that went out.

const sections = z.array(z.strictObject({ heading: z.string(), text: z.string() }));
// what the document prints beside the items' sections; `minutes`: printed in the minutes only
const printed = z.array(z.strictObject({ heading: z.string(), text: z.string(), minutes: flag.optional() }));

const version = z.strictObject({
  kind: z.enum(['dagsorden', 'tillægsdagsorden', 'referat']),
  audience: z.enum(['medlemmer', 'offentlig']),
  date: z.string(),
  rettet: z.string().optional(),
  // the items' case history is recorded (versions kept before it was lack it, and their history is not compared)
  caseHistory: flag.optional(),
  // the items' record (inhabil, fraværende, vote, protokoltilførsel) is kept (versions kept before it was lack it, and it is not compared)
  records: flag.optional(),
  // the front page's fields, and each item's printed parts (versions kept before they were lack both, and neither is compared)
  front: printed.optional(),
  // the heading of an item's attachments' table, kept with front
  bilagHeading: z.string().optional(),
  items: z.array(
    z.strictObject({
      number: wholeNumber,
      title: z.string(),
      lukket: flag,
      sections,
      bilag: z.array(
        z.strictObject({
          number: wholeNumber,
          subItem: z.string().optional(),
          title: z.string().optional(),
          file: z.string().optional(),
          sha256: z.string().optional(),
          // the attachment or its item is closed, so a mail names it by its number alone (versions kept before it was recorded lack it)
          lukket: flag.optional(),
          // its document number and a closed one's public note, kept with front
          document: z.string().optional(),
          note: z.string().optional(),
        }),
      ),
      subItems: z.array(z.strictObject({ letter: z.string(), title: z.string(), lukket: flag, sections })).optional(),
      additions: z.array(z.strictObject({ date: z.string(), text: z.string() })).optional(),
      history: z
        .array(
          z.strictObject({
            committee: z.string(),
            date: z.string(),
            number: wholeNumber.optional(),
            decision: z.string().optional(),
            lukket: flag.optional(),
          }),
        )
        .optional(),
      record: z.strictObject({ heading: z.string(), text: z.string() }).optional(),
      printed: printed.optional(),
    }),
  ),
});

const sentVersion = z.strictObject({ medlemmer: version, offentlig: version });

export type SentVersion = z.output<typeof sentVersion>;

/** `arkiv/sendt/2023-11-22/<sha256>.yaml` of the meetings folder, committed with the meeting. */
export function sentVersionFile(dir: string, date: string, sha256: string): string {
  return path.join(dir, 'arkiv', 'sendt', date, `${sha256}.yaml`);
}

/** Kept once: the same bytes sent again said the same. */
export async function keepSentVersion(dir: string, date: string, sha256: string, sent: SentVersion): Promise<void> {
  const file = sentVersionFile(dir, date, sha256);
  if (await exists(file)) return;
  const header = `# What the document of ${date} with this SHA-256 said when agenda send sent it. Commit it with the meeting.\n`;
  await writeAtomically(file, header + stringify(sent, { lineWidth: 0 }));
}

/** The version sent with this SHA-256, in the audience's form; undefined where none was kept (sent before versions were). */
export async function readSentVersion(
  dir: string,
  date: string,
  sha256: string,
  audience: DocumentVersion['audience'],
): Promise<DocumentVersion | undefined> {
  const file = sentVersionFile(dir, date, sha256);
  if (!(await exists(file))) return undefined;
  const result = validate(await readYamlFile(file, meetingsFolder(dir)), sentVersion);
  if (!result.ok) throw new InputError(result.findings);
  return result.value[audience];
}
