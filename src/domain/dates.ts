import type { IsoDate } from '../knowledge/types.js';

const DAY_MS = 86_400_000;

/** Whole days from `today` to `date` (negative once the date has passed). */
export function daysBetween(today: IsoDate, date: IsoDate): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

export function describeRemaining(days: number): string {
  if (days > 1) return `${days} days left`;
  if (days === 1) return '1 day left';
  if (days === 0) return 'that is today';
  return `retired ${-days} day${days === -1 ? '' : 's'} ago`;
}

/** "ended on 2026-09-30" once the date has passed, else "ends on 2028-09-30 (673 days left)". */
export function describeEnd(date: IsoDate, today: IsoDate): string {
  const days = daysBetween(today, date);
  if (days < 0) return `ended on ${date}`;
  return `ends on ${date} (${describeRemaining(days)})`;
}
