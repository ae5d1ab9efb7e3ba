import { Buffer } from 'node:buffer';
import type { MeetingSources } from '../input/sources.js';
import type { Audience } from '../model/meeting.js';
import { concatenatePdfs } from '../pdf/concatenate.js';
import { outputsFor, printMeeting } from '../pipeline/document.js';
import { checkMeetingSources } from '../pipeline/sources.js';
import { AgendaError, formatFinding, isError, messageOf, sortFindings } from '../shared/errors.js';
import type { HeadingPages } from '../shared/printable.js';
import type { LastingPrinter } from './printer.js';

/** What the page is told after each rebuild. */
export interface PreviewState {
  /** Changes whenever the document does: the page then fetches it again. 0 until there is one. */
  version: number;
  /** `agenda check`'s findings for the meeting, as FILE:LINE:COL lines; errors keep the last good document. */
  problems: Array<{ text: string; warning: boolean }>;
  /** Why the document could not be printed (the browser's fault), when it could not. */
  failure?: string;
}

type Listener = (state: PreviewState) => void;

interface Rendering {
  version: number;
  pdf?: Uint8Array;
  /** Where the last print's headings are, each document's: where the next one's most likely are too. */
  headings: HeadingPages[];
  /** Made from older sources than the last read: printed again once someone looks. */
  stale: boolean;
  listeners: Set<Listener>;
}

/**
 * The meeting's document as it stands on disk, rebuilt on every change for the audiences someone is
 * looking at. Rebuilds run one at a time; changes meanwhile make one more. A file that does not read or
 * check keeps the last good document and tells why.
 */
export class LiveDocument {
  private readonly renderings = new Map<Audience, Rendering>();
  private problems: PreviewState['problems'] = [];
  private failure?: string;
  private running?: Promise<void>;
  private again = false;

  constructor(
    private readonly dir: string,
    private readonly date: string,
    private readonly printer: LastingPrinter,
  ) {}

  /** Tells `listener` the state of `audience` now and after every rebuild, until unsubscribed. */
  subscribe(audience: Audience, listener: Listener): () => void {
    const rendering = this.rendering(audience);
    rendering.listeners.add(listener);
    if (rendering.pdf === undefined || rendering.stale) void this.rebuild();
    else listener(this.state(rendering));
    return () => rendering.listeners.delete(listener);
  }

  /** The last good PDF for `audience`, if any, and its version. */
  document(audience: Audience): { pdf: Uint8Array; version: number } | undefined {
    const rendering = this.renderings.get(audience);
    return rendering?.pdf && { pdf: rendering.pdf, version: rendering.version };
  }

  /** Rebuilds now, or once more after the rebuild under way; resolves when the document is up to date. */
  rebuild(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.rebuildOnce();
      } while (this.again);
      this.running = undefined;
    })();
    return this.running;
  }

  private async rebuildOnce(): Promise<void> {
    const read = await checkMeetingSources(this.dir, this.date).catch((err: unknown) => ({
      findings: [],
      sources: undefined,
      error: message(err),
    }));
    this.problems = sortFindings(read.findings).map((f) => ({ text: formatFinding(f), warning: !isError(f) }));
    if ('error' in read) this.problems.push({ text: read.error, warning: false });
    if (read.sources) await this.printAll(read.sources);
    for (const rendering of this.renderings.values()) for (const listener of rendering.listeners) listener(this.state(rendering));
  }

  /** Prints for the audiences looked at (the members' when nobody looks yet); the others wait till they are. */
  private async printAll(sources: MeetingSources): Promise<void> {
    this.failure = undefined;
    const looked = [...this.renderings].filter(([, r]) => r.listeners.size > 0);
    const audiences: Audience[] = looked.length > 0 ? looked.map(([a]) => a) : ['medlemmer'];
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
      } catch (err) {
        this.failure = message(err);
      }
    }
  }

  private rendering(audience: Audience): Rendering {
    let rendering = this.renderings.get(audience);
    if (!rendering) this.renderings.set(audience, (rendering = { version: 0, stale: true, listeners: new Set(), headings: [] }));
    return rendering;
  }

  private state(rendering: Rendering): PreviewState {
    return { version: rendering.version, problems: this.problems, ...(this.failure ? { failure: this.failure } : {}) };
  }
}

/** An error as the clerk reads it: our own errors say it all; anything else is a fault of ours, named as one. */
function message(err: unknown): string {
  return err instanceof AgendaError ? err.message : `unexpected failure: ${messageOf(err)}`;
}
