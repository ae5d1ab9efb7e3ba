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

function closedPlan(frozen: ForwardPlanInput, live: ForwardPlanInput | undefined): ForwardPlanInput {
  const livePoints = [...(live?.møder ?? []).flatMap((m) => m.punkter), ...(live?.afventer_dato ?? [])];
  const closed = new Set(livePoints.filter((p) => p.lukket).map((p) => p.tekst));
  const close = (p: PlannedPointInput) => (!p.lukket && closed.has(p.tekst) ? { ...p, lukket: true } : p);
  return {
    ...frozen,
    møder: frozen.møder?.map((m) => ({ ...m, punkter: m.punkter.map(close) })),
    afventer_dato: frozen.afventer_dato?.map(close),
  };
}

function closedStanding(frozen: StandingItemsInput, live: StandingItemsInput | undefined): StandingItemsInput {
  const closed = new Set(live?.punkter.filter((p) => p.lukket).map((p) => p.id));
  return { ...frozen, punkter: frozen.punkter.map((p) => (!p.lukket && closed.has(p.id) ? { ...p, lukket: true } : p)) };
}
