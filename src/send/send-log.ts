import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { InputError } from '../shared/errors.js';
import { writeAtomically } from '../shared/files.js';

/** One message: to whom, which document (by name and SHA-256), when, and whether the server took it. */
export interface SendLogEntry {
  tid: string;
  til: string;
  dokument: string;
  sha256: string;
  sendt: boolean;
  fejl?: string;
}

/** Beside the meeting: `2023-11-22.sendt.yaml`, committed with it. */
export function sendLogFile(dir: string, date: string): string {
  return path.join(dir, `${date}.sendt.yaml`);
}

export async function readSendLog(file: string): Promise<SendLogEntry[]> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return '';
    throw err;
  });
  const data: unknown = parse(text);
  if (data === null || data === undefined) return [];
  if (!Array.isArray(data)) throw new InputError([{ file, line: 1, col: 1, path: '', message: 'expected the list of messages agenda send writes' }]);
  return data as SendLogEntry[];
}

const header = '# What agenda send sent: to whom, which document (its SHA-256), when. Commit it with the meeting.\n';

export async function writeSendLog(file: string, entries: SendLogEntry[]): Promise<void> {
  await writeAtomically(file, header + stringify(entries, { lineWidth: 0 }));
}

/** The last time this document, exactly, reached this address. */
export function lastSent(log: SendLogEntry[], to: string, dokument: string, sha256: string): SendLogEntry | undefined {
  return log.findLast((e) => e.sendt && e.til.toLowerCase() === to.toLowerCase() && e.dokument === dokument && e.sha256 === sha256);
}

/** The last time another version of this document went out. */
export function lastOtherVersion(log: SendLogEntry[], dokument: string, sha256: string): SendLogEntry | undefined {
  return log.findLast((e) => e.sendt && e.dokument === dokument && e.sha256 !== sha256);
}
