import { Buffer } from 'node:buffer';
import type { MeetingSources } from '../input/sources.js';
import type { Audience } from '../model/meeting.js';
import { concatenatePdfs } from '../pdf/concatenate.js';
import { outputsFor, printMeeting } from '../pipeline/document.js';
import { checkMeetingSources } from '../pipeline/sources.js';
import { AgendaError, formatFinding, isError, messageOf, sortFindings } from '../shared/errors.js';
import type { HeadingPages } from '../shared/printable.js';
import type { LastingPrinter } from './printer.js';
import { packageWords, previewWords, type PreviewWords } from './words.js';

/** What the page is told when a change is seen and after each rebuild. */
export interface PreviewState {
  /** Changes whenever the document does: the page then fetches it again. 0 until there is one. */
  version: number;
  /** The change of the files the document was made from: 0, as they were when the preview started; n, after the n-th it saw. */
  change: number;
  /** The latest change it has seen (whoever saved can tell that the preview saw it). */
  latest: number;
  /**
   * What is shown is not yet made from the files as they are: the latest change is still being read and
   * printed, or this audience's document was not printed from the last read.
   */
  updating: boolean;
  /** `agenda check`'s findings for the meeting, as FILE:LINE:COL lines; errors keep the last good document. */
  problems: Array<{ text: string; warning: boolean }>;
  /** Why the document could not be printed (the browser's fault), when it could not. */
  failure?: string;
  /**
   * The page's words, of the house style as last read: an edit of them shows at the next save. The package's
   * where the committee's files do not read; none only before the first read, or where the package's own do not.
   */
  words?: PreviewWords;
}

type Listener = (state: PreviewState) => void;

interface Rendering {
  version: number;
  /** The change the PDF was made from. */
  change: number;
  pdf?: Uint8Array;
  /** Where the last print's headings are, each document's: where the next one's most likely are too. */
  headings: HeadingPages[];
  /** Neither printed nor being printed from the last read: printed again once someone looks. */
  stale: boolean;
  listeners: Set<Listener>;
}

/**
 * The meeting's document as it stands on disk, rebuilt on every change for the audiences someone is
 * looking at. Rebuilds run one at a time; changes meanwhile make one more, from the files as they are
 * then, so the last document shown is the newest. Each state tells which change its document was made
 * from and whether a later one is still being printed: a document finished while the clerk saved again
 * is shown, but not as up to date. A file that does not read or check keeps the last good document and tells why.
 */
export class LiveDocument {
  private readonly renderings = new Map<Audience, Rendering>();
  private problems: PreviewState['problems'] = [];
  private failure?: string;
  private running?: Promise<void>;
  /** The changes seen, and the change of the last rebuild done (-1 before the first). */
  private latest = 0;
  private done = -1;
  /** A page looks at an audience that no print since the last read is for. */
  private wanted = false;
  private words?: PreviewWords;

  constructor(
    private readonly dir: string,
    private readonly date: string,
    private readonly printer: LastingPrinter,
  ) {}

  /** Tells `listener` the state of `audience` now and after every rebuild, until unsubscribed. */
  subscribe(audience: Audience, listener: Listener): () => void {
    const rendering = this.rendering(audience);
    rendering.listeners.add(listener);
    listener(this.state(rendering));
    if (rendering.stale) {
      this.wanted = true;
      void this.rebuild();
    }
    return () => rendering.listeners.delete(listener);
  }

  /** A file the document is made from has changed: tells the pages so, and rebuilds. */
  changed(): void {
    this.latest++;
    this.tell();
    void this.rebuild();
  }

  /**
   * The page's words: the house's once its style is read, the package's before (the first read checks the whole
   * meeting, its office attachments converted on a cold cache: the page does not wait for it). Each state carries
   * the house's words, which the page then shows (PreviewState's `words`).
   */
  async pageWords(): Promise<PreviewWords | undefined> {
    return this.words ?? (await packageWords());
  }

  /** The last good PDF for `audience`, if any, its version and the change it was made from. */
  document(audience: Audience): { pdf: Uint8Array; version: number; change: number } | undefined {
    const rendering = this.renderings.get(audience);
    return rendering?.pdf && { pdf: rendering.pdf, version: rendering.version, change: rendering.change };
  }

  /**
   * Rebuilds now, or after the rebuild under way when that one does not cover what is due by then (a
   * later change, an audience looked at meanwhile); resolves when the document is up to date.
   */
  rebuild(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      do await this.rebuildOnce();
      while (this.done < this.latest || this.wanted);
      this.running = undefined;
    })();
    return this.running;
  }

  private async rebuildOnce(): Promise<void> {
    const change = this.latest;
    const read = await checkMeetingSources(this.dir, this.date).catch((err: unknown) => ({
      findings: [],
      sources: undefined,
      style: undefined,
      error: message(err),
    }));
    // The package's words where the committee's files do not read at all; the last ones kept where the package's do not either.
    this.words = (read.style ? previewWords(read.style.ord) : await packageWords()) ?? this.words;
    this.problems = sortFindings(read.findings).map((f) => ({ text: formatFinding(f), warning: !isError(f) }));
    if ('error' in read) this.problems.push({ text: read.error, warning: false });
    // Whoever looks from here on is printed for by printAll (it takes the audiences before it awaits), or by
    // the next rebuild; a file that does not read waits for the next change, as every audience does.
    this.wanted = false;
    if (read.sources) await this.printAll(read.sources, change);
    this.done = change;
    this.tell();
  }

  /** Tells every page its audience's state. */
  private tell(): void {
    for (const rendering of this.renderings.values()) for (const listener of rendering.listeners) listener(this.state(rendering));
  }

  /** Prints for the audiences looked at (the members' when nobody looks yet); the others wait till they are. */
  private async printAll(sources: MeetingSources, change: number): Promise<void> {
    this.failure = undefined;
    const looked = [...this.renderings].filter(([, r]) => r.listeners.size > 0);
    const audiences: Audience[] = looked.length > 0 ? looked.map(([a]) => a) : ['medlemmer'];
    for (const audience of audiences) this.rendering(audience);
    // Marked before printing: one who looks meanwhile is told when this print is done, and asks for none.
    for (const [audience, rendering] of this.renderings) rendering.stale = !audiences.includes(audience);
    for (const audience of audiences) {
      const rendering = this.rendering(audience);
      try {
        // The documents a build makes: the agenda and its tillægsdagsordener (addenda), one after the other; or the minutes.
        const outputs = await outputsFor(sources, audience);
        const printed = await this.printer.run(async (page) => {
          const each = [];
          for (const [i, { document }] of outputs.entries())
            each.push(await printMeeting(page, document, undefined, undefined, undefined, rendering.headings[i]));
          return each;
        });
        rendering.headings = printed.map((p) => p.headings);
        const pdf = await concatenatePdfs(printed.map((p) => p.pdf));
        // The same meeting gives the same bytes: a save that changed nothing printed leaves the page be.
        if (rendering.pdf === undefined || !Buffer.from(pdf).equals(rendering.pdf)) rendering.version++;
        rendering.pdf = pdf;
        rendering.change = change;
      } catch (err) {
        this.failure = message(err);
      }
    }
  }

  private rendering(audience: Audience): Rendering {
    let rendering = this.renderings.get(audience);
    if (!rendering) this.renderings.set(audience, (rendering = { version: 0, change: 0, stale: true, listeners: new Set(), headings: [] }));
    return rendering;
  }

  private state(rendering: Rendering): PreviewState {
    const { version, change } = rendering;
    const { latest, problems, failure } = this;
    // A stale rendering looked at is printed again (subscribe): updating until then.
    const updating = rendering.stale || this.done < latest;
    return { version, change, latest, updating, problems, ...(failure ? { failure } : {}), ...(this.words ? { words: this.words } : {}) };
  }
}

/** An error as the clerk reads it: our own errors say it all; anything else is a fault of ours, named as one. */
function message(err: unknown): string {
  return err instanceof AgendaError ? err.message : `unexpected failure: ${messageOf(err)}`;
}
