import type { ForwardPlanInput, PlannedPointInput } from '../input/schema/forward-plan.js';
import type { StandingItemsInput } from '../input/schema/standing-items.js';
import type { Read, SharedRead } from '../input/load.js';

/**
 * A finalized meeting's archived shared files with every closing of the live ones: a point or
 * standing item closed after the meeting went out is closed in it too, as an item of its own file
 * closed after sending is (docs/clerk/lukket.md). Closing only ever wins: opening in the live file
 * opens nothing frozen. A standing item is the same item by its `id`; a plan point has no identity but
 * its text, so a point is closed wherever the live plan closes a point of the same text (moved to
 * another date or awaiting one all the same), since that text is what must not be public.
 */
export function withLiveClosing(archived: SharedRead, live: SharedRead): SharedRead {
  return {
    ...archived,
    forwardPlan: closedIn(archived.forwardPlan, (plan) => closedPlan(plan, live.forwardPlan?.value)),
    standingItems: closedIn(archived.standingItems, (items) => closedStanding(items, live.standingItems?.value)),
  };
}

/** A file read with `close` applied to its value; one missing or invalid as it is (its own errors say enough). */
function closedIn<T>(read: Read<T> | undefined, close: (value: T) => T): Read<T> | undefined {
  return read?.value === undefined ? read : { ...read, value: close(read.value) };
}

/**
 * What names a closable thing in the live file and in a frozen copy alike: a standing item its `id`, a
 * plan point its text. The one rule of both the check (here) and a document's fingerprint
 * (pipeline/live-closings-key.ts, which reads the files loosely): were they to differ, a kept public PDF
 * would show what the check closes.
 */
export interface Closable {
  key: string;
  lukket: boolean;
}

/** The keys of the things open in `frozen` that `live` closes. */
export function closedSince(frozen: Closable[], live: Closable[]): Set<string> {
  const closed = new Set(live.filter((c) => c.lukket).map((c) => c.key));
  return new Set(frozen.filter((c) => !c.lukket && closed.has(c.key)).map((c) => c.key));
}

const pointsOf = (plan: ForwardPlanInput | undefined): PlannedPointInput[] => [
  ...(plan?.møder ?? []).flatMap((m) => m.punkter),
  ...(plan?.afventer_dato ?? []),
];
const asPoint = (p: PlannedPointInput): Closable => ({ key: p.tekst, lukket: p.lukket === true });

function closedPlan(frozen: ForwardPlanInput, live: ForwardPlanInput | undefined): ForwardPlanInput {
  const closed = closedSince(pointsOf(frozen).map(asPoint), pointsOf(live).map(asPoint));
  const close = (p: PlannedPointInput) => (closed.has(p.tekst) ? { ...p, lukket: true } : p);
  return {
    ...frozen,
    møder: frozen.møder?.map((m) => ({ ...m, punkter: m.punkter.map(close) })),
    afventer_dato: frozen.afventer_dato?.map(close),
  };
}

function closedStanding(frozen: StandingItemsInput, live: StandingItemsInput | undefined): StandingItemsInput {
  const asItem = (p: StandingItemsInput['punkter'][number]): Closable => ({ key: p.id, lukket: p.lukket === true });
  const closed = closedSince(frozen.punkter.map(asItem), (live?.punkter ?? []).map(asItem));
  return { ...frozen, punkter: frozen.punkter.map((p) => (closed.has(p.id) ? { ...p, lukket: true } : p)) };
}
