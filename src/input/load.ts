import path from 'node:path';
import type { z } from 'zod';
import { InputError, MissingFileError, type Finding } from '../shared/errors.js';
import { nearMissesOf } from './meeting-names.js';
import { calendarSchema, type CalendarInput } from './schema/calendar.js';
import { committeeSchema, type CommitteeInput } from './schema/committee.js';
import { forwardPlanSchema, type ForwardPlanInput } from './schema/forward-plan.js';
import { sectionsOnlySchema, type HouseStyleInput, type HouseStyleOverride } from './schema/house-style.js';
import { meetingSchemaFor, type MeetingInput } from './schema/meeting.js';
import { municipalitySchema, type MunicipalityInput } from './schema/municipality.js';
import { standingItemsSchemaFor, type StandingItemsInput } from './schema/standing-items.js';
import { overlay, readDefaultStyle } from './house-style.js';
import { readHousePages, readHouseTemplates, unusedPartials } from './house-templates.js';
import { exists, meetingsFolder, type Within } from './read-file.js';
import type { HousePages, HouseTemplates } from '../shared/house-templates.js';
import { validate } from './validate.js';
import { readYamlFile, type YamlFile } from './yaml-file.js';

/** The files in a meetings folder that every meeting shares. */
export const sharedFiles = {
  committee: 'udvalg.yaml',
  standingItems: 'faste-punkter.yaml',
  forwardPlan: 'plan.yaml',
  calendar: 'kalender.yaml',
} as const;

/** What a repository's committees share, at its root (see repository.ts). */
export const repositoryFiles = { municipality: 'kommune.yaml', calendar: 'kalender.yaml', templates: 'husstil' } as const;

/** A file as read: its source (for positions) and, where it is valid, its value. */
export interface Read<T> {
  source: YamlFile;
  value?: T;
}

/** The shared files of a meetings folder; a missing optional file is absent, an invalid one has no value. */
export interface SharedRead {
  municipality?: Read<MunicipalityInput>;
  committee?: Read<CommitteeInput>;
  /** The house style: the package's, under the municipality's and the committee's overrides (those that are valid). */
  style: HouseStyleInput;
  /** The package's house style under the municipality's alone: what the committees of one site or feed share. */
  authorityStyle: HouseStyleInput;
  /** The repository's template overrides (husstil/), where it has them. */
  templates?: HouseTemplates;
  /** The repository's own site pages and mail letter (husstil/web/, husstil/mail/), where it has them. */
  pages?: HousePages;
  standingItems?: Read<StandingItemsInput>;
  forwardPlan?: Read<ForwardPlanInput>;
  calendar?: Read<CalendarInput>;
}

export function meetingFile(dir: string, date: string): string {
  return path.join(dir, `${date}.yaml`);
}

/**
 * Reads and validates a committee's shared files in `dir`, and the repository's at `root`: the
 * municipality (kommune.yaml), the political calendar where the committee has none of its own, and
 * the template overrides. The house style comes first, since the items' sections are its. Problems
 * go to `findings`. The committee's files only from inside `committeeFolder` (a finalized meeting's: its archive).
 */
export async function readSharedFiles(
  dir: string,
  root: string,
  findings: Finding[],
  committeeFolder: Within = meetingsFolder(dir),
): Promise<SharedRead> {
  const file = (name: string) => path.join(dir, name);
  const repository = { folder: root, name: 'the repository' };
  const municipality = await readOptional(path.join(root, repositoryFiles.municipality), municipalitySchema, findings, repository);
  const committee = await readValid(file(sharedFiles.committee), committeeSchema, findings, committeeFolder);
  const authorityStyle = overlay(await readDefaultStyle(), houseStyleOf(municipality));
  const style = overlay(authorityStyle, houseStyleOf(committee));
  const sections = style.afsnit.map((a) => a.nøgle);
  const templates = await readHouseTemplates(path.join(root, repositoryFiles.templates), root);
  findings.push(...(await unusedPartials(templates)));
  const pages = await readHousePages(path.join(root, repositoryFiles.templates), root, findings);
  const ownCalendar = file(sharedFiles.calendar);
  return {
    municipality,
    committee,
    style,
    authorityStyle,
    templates,
    pages,
    standingItems: await readOptional(file(sharedFiles.standingItems), standingItemsSchemaFor(sections), findings, committeeFolder),
    forwardPlan: await readOptional(file(sharedFiles.forwardPlan), forwardPlanSchema, findings, committeeFolder),
    calendar: (await exists(ownCalendar))
      ? await readOptional(ownCalendar, calendarSchema, findings, committeeFolder)
      : await readOptional(path.join(root, repositoryFiles.calendar), calendarSchema, findings, repository),
  };
}

export async function readMeetingFile(
  dir: string,
  date: string,
  style: HouseStyleInput,
  findings: Finding[],
): Promise<Read<MeetingInput> | undefined> {
  const file = meetingFile(dir, date);
  return readValid(file, meetingSchemaFor(style.afsnit.map((a) => a.nøgle)), findings, meetingsFolder(dir)).catch(async (err: unknown) => {
    // A missing meeting file is most often one saved under a name nearly its own (meeting-names.ts): that one is named.
    const [near] = err instanceof MissingFileError && !(await exists(file)) ? await nearMissesOf(dir, date) : [];
    throw near ? new MissingFileError(`${file}: no such file; ${near} is there: rename it ${date}.yaml`) : err;
  });
}

/**
 * A file's `husstil:`; of a file that is not valid, its sections where they are: one misspelt word is
 * one error, not one more for every section of the house's that the package's list does not have.
 */
function houseStyleOf(read: Read<{ husstil?: HouseStyleOverride }> | undefined): HouseStyleOverride | undefined {
  if (read?.value) return read.value.husstil;
  const sections = sectionsOnlySchema.safeParse(read?.source.data);
  return sections.success ? { afsnit: sections.data.husstil.afsnit } : undefined;
}

/** A YAML file read only from inside `within` (a link out of it is refused) and validated against `schema`; problems go to `findings`. */
type Reader = <S extends z.ZodType>(file: string, schema: S, findings: Finding[], within: Within) => Promise<Read<z.output<S>> | undefined>;

const readValid: Reader = async (file, schema, findings, within) => {
  let source: YamlFile;
  try {
    source = await readYamlFile(file, within);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    findings.push(...err.findings);
    return undefined;
  }
  const result = validate(source, schema);
  if (!result.ok) findings.push(...result.findings);
  return { source, value: result.ok ? result.value : undefined };
};

/** A shared file the committee may do without. */
const readOptional: Reader = async (file, schema, findings, within) =>
  (await exists(file)) ? readValid(file, schema, findings, within) : undefined;
