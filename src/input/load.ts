import { access } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { InputError, type Finding } from '../errors.js';
import { checkReferences } from './references.js';
import { committeeSchema, type CommitteeInput } from './schema/committee.js';
import { forwardPlanSchema, type ForwardPlanInput } from './schema/forward-plan.js';
import { meetingSchema, type MeetingInput } from './schema/meeting.js';
import { standingItemsSchema, type StandingItemsInput } from './schema/standing-items.js';
import { validate } from './validate.js';
import { readYamlFile, type YamlFile } from './yaml-file.js';

/** The files in a meetings folder that every meeting shares. */
export const sharedFiles = {
  committee: 'udvalg.yaml',
  standingItems: 'faste-punkter.yaml',
  forwardPlan: 'plan.yaml',
} as const;

/** Everything one meeting is made from, validated, before it is merged. */
export interface MeetingSources {
  date: string;
  committee: CommitteeInput;
  standingItems: StandingItemsInput;
  forwardPlan: ForwardPlanInput;
  meeting: MeetingInput;
}

export function meetingFile(dir: string, date: string): string {
  return path.join(dir, `${date}.yaml`);
}

/** Reads and validates the meeting and the shared files; all problems in all files are reported together. */
export async function loadMeeting(dir: string, date: string): Promise<MeetingSources> {
  const findings: Finding[] = [];
  const shared = (name: string) => path.join(dir, name);
  const committee = await readValid(shared(sharedFiles.committee), committeeSchema, findings);
  const standingItems = await readOptional(shared(sharedFiles.standingItems), standingItemsSchema, findings, { punkter: [] });
  const forwardPlan = await readOptional(shared(sharedFiles.forwardPlan), forwardPlanSchema, findings, {});
  const meeting = await readValid(meetingFile(dir, date), meetingSchema, findings);
  if (meeting?.value && standingItems) findings.push(...checkReferences(meeting.source, meeting.value, standingItems));
  if (findings.length > 0 || !committee?.value || !standingItems || !forwardPlan || !meeting?.value) throw new InputError(findings);
  return { date, committee: committee.value, standingItems, forwardPlan, meeting: meeting.value };
}

interface Read<T> {
  source: YamlFile;
  value?: T;
}

async function readValid<S extends z.ZodType>(file: string, schema: S, findings: Finding[]): Promise<Read<z.output<S>> | undefined> {
  let source: YamlFile;
  try {
    source = await readYamlFile(file);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    findings.push(...err.findings);
    return undefined;
  }
  const result = validate(source, schema);
  if (!result.ok) findings.push(...result.findings);
  return { source, value: result.ok ? result.value : undefined };
}

/** A shared file the committee may do without: absent, it is `fallback`. */
async function readOptional<S extends z.ZodType>(file: string, schema: S, findings: Finding[], fallback: z.output<S>) {
  const present = await access(file).then(
    () => true,
    () => false,
  );
  return present ? (await readValid(file, schema, findings))?.value : fallback;
}
