import path from 'node:path';
import {
  addAttachmentHashes,
  archiveDir,
  hasArchive,
  readAttachmentHashes,
  removeArchive,
  setAttachmentHashes,
  writeArchive,
} from '../input/archive.js';
import type { Meeting } from '../model/meeting.js';
import { onEndingSignal } from '../shared/ending-signals.js';
import { messageOf } from '../shared/errors.js';
import { attachmentHashes } from './combine.js';
import type { OfficeSettings } from './office.js';

/** A freeze whose undo failed: what it left (`file`), and what the clerk is to do about it, in one line. */
export interface FreezeLeft {
  file: string;
  message: string;
}

/**
 * A send's freeze of its meeting (frysning.md), made before the first message and undone where no
 * message may have reached anyone: none was begun (a failure or a signal between the freeze and the
 * first message's line in the log), or none reached the server. A meeting left frozen so would
 * silently ignore what the clerk puts right in udvalg.yaml before sending again: an undo that fails
 * is told (`tellLeft`), never thrown, so that the send's own failure stays the reason it ends.
 */
export class SendFreeze {
  private undo: { run: () => Promise<void>; left: string; remedy: string } | undefined;
  /** The freeze, then the first message's line in the log: what a signal's undo waits for before it judges. */
  private working: Promise<unknown> = Promise.resolve();
  private begun = false;
  private stopping = false;
  private readonly offSignal = onEndingSignal(() => this.stop());

  /** Whether this run finalized the meeting (archived its shared files). */
  finalized = false;

  constructor(private readonly tellLeft: (left: FreezeLeft) => void) {}

  /** Archives the meeting's shared files, or adds a tillægsdagsorden's attachment hashes to a meeting frozen before. */
  async freeze(dir: string, meeting: Meeting, office: OfficeSettings): Promise<void> {
    const { date } = meeting;
    const archived = await hasArchive(dir, date);
    if (archived && meeting.kind !== 'tillægsdagsorden') return;
    const hashes = await attachmentHashes(dir, meeting, office);
    const before = archived ? await readAttachmentHashes(dir, date) : undefined;
    const added = Object.keys(hashes).filter((file) => before?.[file] !== hashes[file]);
    if (archived && added.length === 0) return;
    const undo = archived
      ? {
          run: () => setAttachmentHashes(dir, date, before),
          left: path.join(archiveDir(dir, date), 'bilag.yaml'),
          remedy: before ? `remove the lines of ${added.join(', ')} from it` : 'delete it',
        }
      : { run: () => removeArchive(dir, date), left: archiveDir(dir, date), remedy: 'delete this folder to reopen the meeting' };
    // The undo is set once the write succeeded (each write is all or nothing), within the work a signal waits
    // for: a write that failed changed nothing, and an undo of it would be told as having left what it never made.
    await this.whileWatched(async () => {
      await (archived ? addAttachmentHashes(dir, date, hashes) : writeArchive(dir, date, hashes));
      this.undo = undo;
    });
    this.finalized = !archived;
  }

  /** Writes the first message's intent to the log: from then on, one may have gone, and the freeze stays. */
  async begin(writeIntent: () => Promise<void>): Promise<void> {
    await this.whileWatched(() => writeIntent().then(() => (this.begun = true)));
  }

  /** At the run's end: the freeze undone where no message may have reached anyone (`reachedNone`), or none was begun. */
  async end(reachedNone: boolean): Promise<void> {
    this.offSignal();
    if (reachedNone || !this.begun) await this.undoFreeze();
  }

  /** Work a signal's end waits for; none begins once a signal came (the process is ending). */
  private async whileWatched(work: () => Promise<unknown>): Promise<void> {
    if (this.stopping) return new Promise<void>(() => undefined);
    this.working = work();
    await this.working;
  }

  private async stop(): Promise<void> {
    this.stopping = true;
    await this.working.catch(() => undefined);
    if (!this.begun) await this.undoFreeze();
  }

  private async undoFreeze(): Promise<void> {
    const undo = this.undo;
    this.undo = undefined;
    this.finalized = false;
    await undo?.run().catch((err: unknown) =>
      this.tellLeft({
        file: undo.left,
        message: `left as this send made it, though no message went (${messageOf(err)}): ${undo.remedy}`,
      }),
    );
  }
}
