import type { TargetView } from '../views/view-models';

/** Template data for the "Target: 30 June 2027 · overdue by 12 days" line; overdue stands out. */
export type TargetLineData = {
  date: string;
  originalDate: string | null;
  distance: string | null;
  color: string;
  weight: string;
};

export function targetLine(target: TargetView | undefined): TargetLineData | null {
  if (!target) return null;
  return {
    date: target.date,
    originalDate: target.originalDate ?? null,
    distance: target.distance ?? null,
    color: target.overdue ? 'Attention' : 'Default',
    weight: target.overdue ? 'Bolder' : 'Default',
  };
}

/** Only an https:// link becomes a button; anything else stored by mistake is left off the card. */
export function evidenceButtonUrl(url: string | undefined): string | null {
  return url !== undefined && /^https:\/\/[^\s]+$/i.test(url) ? url : null;
}
