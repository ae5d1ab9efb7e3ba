import { format } from 'date-fns';

/**
 * A moment the logs keep in UTC (ISO 8601, `2026-12-07T17:21:28.406Z`), as the clerk reads a clock: in the
 * time zone agenda runs in, to the minute (`2026-12-07 18:21` in Danish time). A message that showed the
 * log's UTC was an hour off (two in summer) to a clerk in Denmark. The logs keep UTC.
 */
export function clockTime(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : format(at, 'yyyy-MM-dd HH:mm');
}
