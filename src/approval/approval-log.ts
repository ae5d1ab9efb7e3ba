import path from 'node:path';
import { z } from 'zod';
import { block, list, optional, text } from '../input/fields.js';
import { readLogFile, writeLogFile } from '../input/log-file.js';

/** How a member gave their approval: at the meeting, by mail (the clerk records it), or by signing the PDF. */
export const approvalWays = ['møde', 'mail', 'signatur'] as const;

/**
 * One approval: who, when, of which document exactly (its name and the SHA-256 of the members' minutes
 * as they stood), how, and a reservation (forbehold) if the member made one. An approval is never
 * edited or removed: an approval of an earlier version stays recorded as that version's.
 */
const entry = block({
  medlem: text,
  tid: text,
  dokument: text,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'expected the SHA-256 of the minutes, 64 hex digits' }),
  måde: z.enum(approvalWays),
  forbehold: optional(text),
  /** What the approval covered (see coverage.ts): the SHA-256 of the text without additions, and of each addition. Optional: a signature's entry may have none. */
  indhold: optional(z.string().regex(/^[0-9a-f]{64}$/, { error: 'expected the SHA-256 of the text approved, 64 hex digits' })),
  tilføjelser: optional(list(z.string().regex(/^[0-9a-f]{64}$/, { error: 'expected the SHA-256 of an addition, 64 hex digits' }))),
  /** Each item's fields, each with the start of its SHA-256 (coverage.ts's ItemFields): where a change stands. */
  punkter: optional(
    list(z.record(z.string(), z.string().regex(/^[0-9a-f]{12}$/, { error: "expected the start of a field's SHA-256, 12 hex digits" }))),
  ),
});

export type ApprovalEntry = z.output<typeof entry>;

/** Beside the meeting and its send log: `2023-09-06.godkendt.yaml`, committed with it. */
export function approvalLogFile(dir: string, date: string): string {
  return path.join(dir, `${date}.godkendt.yaml`);
}

/** The log as written; none yet is an empty one. */
export function readApprovalLog(file: string): Promise<ApprovalEntry[]> {
  return readLogFile(file, entry);
}

export function writeApprovalLog(file: string, entries: ApprovalEntry[]): Promise<void> {
  return writeLogFile(
    file,
    'Who approved the minutes: the member, when, the SHA-256 of the version approved, how. Commit it with the meeting.',
    entries,
    // An item's fields on one line each: the entry stays short enough to read.
    'punkter',
  );
}
