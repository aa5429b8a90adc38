import type { ActionStatus } from './action-status';
import { currentTargetDate } from './board-cycle/target-date';
import type { IsoDate } from './board-cycle/calendar-date';
import { readNote } from './note-text';
import { findPersonalData } from './personal-data';
import type { Result } from './result';

/** A revision's reason sits in the history for ever, like a redaction's. */
export const MAX_TARGET_REASON_LENGTH = 300;

export type TextCheck = Result<{ text: string }>;

/** "because the audit moved": readable, bounded, and naming nobody. */
export function readTargetReason(typed: string, now: Date): TextCheck {
  if (typed.length > MAX_TARGET_REASON_LENGTH * 4) return reasonTooLong();
  const read = readNote(typed);
  if (!read.ok) return read;
  if (read.note === '') {
    return { ok: false, problem: 'Please type the reason after "because", or leave "because" out.' };
  }
  if ([...read.note].length > MAX_TARGET_REASON_LENGTH) return reasonTooLong();
  const personal = personalDataProblem('The reason', read.note, now);
  return personal ? { ok: false, problem: personal } : { ok: true, text: read.note };
}

/** A line of text kept for ever that looks as though it identifies someone is refused, with what was seen. */
export function personalDataProblem(label: string, text: string, now: Date): string | undefined {
  const findings = findPersonalData(text, now);
  if (findings.length === 0) return undefined;
  return `${label} looks as though it holds ${findings.join(' and ')}. Please leave that out.`;
}

function reasonTooLong(): TextCheck {
  return { ok: false, problem: `A reason can be at most ${MAX_TARGET_REASON_LENGTH} characters.` };
}

export type TargetDecision =
  | { kind: 'unchanged'; target: IsoDate }
  /**
   * `fields` replace the status's target fields. The first target set (no plan date) is the original; any
   * later one, or any when the plan file has a date, is a revision and the original is kept beside it.
   */
  | {
      kind: 'set';
      revision: boolean;
      previousTarget?: IsoDate;
      fields: Pick<ActionStatus, 'targetDate' | 'revisedTargetDate'>;
    };

export function decideTarget(
  status: ActionStatus,
  planDue: IsoDate | undefined,
  date: IsoDate,
): TargetDecision {
  const current = currentTargetDate({ ...status, planDue });
  if (current === date) return { kind: 'unchanged', target: date };
  const original = status.targetDate ?? planDue;
  if (original === undefined) return { kind: 'set', revision: false, fields: { targetDate: date } };
  return {
    kind: 'set',
    revision: true,
    previousTarget: current,
    fields: { targetDate: original, revisedTargetDate: date },
  };
}

/** The lead now: the one set with `lead`, else the plan file's. Same name ignoring case and spacing is no change. */
export function leadUnchanged(status: ActionStatus, planLead: string | undefined, agency: string): boolean {
  const current = status.leadAgency ?? planLead;
  const key = (name: string) => name.toLowerCase().replace(/\s+/g, ' ').trim();
  return current !== undefined && key(current) === key(agency);
}
