import { loginKey } from '../domain/person';
import { boardDay, boardMoment } from './board-dates';
import type { ScrutinyComment, SignOffLine } from './yearly-report-view-model';

/** A sign-off as recorded (app/yearly-sign-off-ports.ts), by shape: views do not import app/. */
export interface RecordedSignOff {
  fingerprint: string;
  /** Signed while the year was still running: a draft's sign-off. */
  draft: boolean;
  /** The report's as-at instant (ISO 8601) when it was signed. */
  asAt: string;
  agency: string;
  byName: string;
  byEmail: string;
  at: string;
}

export interface RecordedComment {
  at: string;
  byName: string;
  byEmail: string;
  text: string;
}

/**
 * One line per lead partner: signed for this content (a draft's sign-off when signed while the year ran),
 * signed for an earlier version (the record changed after), or not yet signed.
 */
export function signOffLines(input: {
  partners: readonly { agency: string; upn: string }[];
  signOffs: readonly RecordedSignOff[];
  fingerprint: string;
  personName: (email: string, recordedName?: string) => string;
  timeZone: string;
}): SignOffLine[] {
  return input.partners.map((partner) => {
    const own = input.signOffs
      .filter((signOff) => loginKey(signOff.byEmail) === loginKey(partner.upn))
      .sort((a, b) => a.at.localeCompare(b.at));
    const person = input.personName(partner.upn);
    const current = own.find((signOff) => signOff.fingerprint === input.fingerprint);
    if (current) {
      const draft = current.draft
        ? `, a draft's sign-off (the draft as at ${boardDay(new Date(current.asAt), input.timeZone).label})`
        : '';
      return {
        agency: partner.agency,
        person,
        signed: 'this version',
        state: `Signed by ${current.byName} on ${when(current.at, input.timeZone)} for this content (${current.fingerprint})${draft}.`,
      };
    }
    const latest = own.at(-1);
    if (latest) {
      return {
        agency: partner.agency,
        person,
        signed: 'an earlier version',
        state:
          `Signed by ${latest.byName} on ${when(latest.at, input.timeZone)} for an earlier version ` +
          `(${latest.fingerprint}); the content behind the report changed after (a late update, a redaction, ` +
          'or a change to the plan, the partners or the scrutineer), and this version is not yet signed.',
      };
    }
    return { agency: partner.agency, person, signed: 'no', state: 'Not yet signed' };
  });
}

export function scrutinyComments(
  comments: readonly RecordedComment[],
  personName: (email: string, recordedName?: string) => string,
  timeZone: string,
): ScrutinyComment[] {
  return [...comments]
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((comment) => ({
      at: boardMoment(new Date(comment.at), timeZone),
      by: personName(comment.byEmail, comment.byName),
      text: comment.text,
    }));
}

function when(at: string, timeZone: string): string {
  return boardMoment(new Date(at), timeZone).label;
}
