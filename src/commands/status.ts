import { chooseCommitteeOf } from '../input/repository.js';
import { approvalStatus, type ApprovalStatus, type MemberStatus } from '../pipeline/approve.js';
import { checkedDate } from '../pipeline/select.js';
import { ExitCode } from '../shared/errors.js';
import type { OptionsOf } from './options.js';
import { printResult } from './report.js';
import { clockTime } from '../shared/clock-time.js';

/** Its options, as declared in options.ts. */
export type StatusOptions = OptionsOf<'status'>;

/** `agenda status <date>`: who took part, who has approved the minutes as they stand, an earlier version, or not yet. */
export async function statusCommand(dateArg: string, options: StatusOptions): Promise<void> {
  const date = checkedDate(dateArg);
  const folder = await chooseCommitteeOf(options, date);
  const status = await approvalStatus({ ...options, dir: folder.dir, folder, date, timeoutMs: options.timeout * 1000 });
  if (options.json) printResult('status', { exitCode: ExitCode.ok, ...asJson(status) });
  else process.stdout.write(asText(status));
}

function asText({ dokument, sha256, members, absent }: ApprovalStatus): string {
  const approved = members.filter((m) => m.current).length;
  const lines = [`${dokument} (sha256 ${sha256}): approved by ${approved} of the ${members.length} who took part`];
  for (const m of members) lines.push(`  ${m.person.name}: ${memberLine(m)}`);
  for (const person of absent) lines.push(`  ${person.name}: did not take part (afbud)`);
  return `${lines.join('\n')}\n`;
}

function memberLine({ current, earlier }: MemberStatus): string {
  const last = earlier.at(-1);
  if (!current)
    return last
      ? `not approved this version (approved an earlier one, ${last.sha256.slice(0, 12)}, on ${clockTime(last.tid)})`
      : 'not approved';
  const how = current.måde === 'møde' ? 'at the meeting' : current.måde === 'mail' ? 'by mail' : 'by signature';
  return `approved on ${clockTime(current.tid)} ${how}${current.forbehold ? `, with the reservation: ${current.forbehold}` : ''}`;
}

function asJson({ dokument, sha256, members, absent }: ApprovalStatus) {
  return {
    dokument,
    sha256,
    members: members.map(({ person, current, earlier }) => ({ name: person.name, approved: current ?? null, earlier })),
    absent: absent.map((p) => p.name),
  };
}
