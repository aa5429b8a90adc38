import { readEvidenceLink } from './board-cycle/evidence-link';
import { readNote } from './note-text';
import type { RagStatus } from './rag-status';
import type { Result } from './result';

/** Impact so far and corrective action: the same bound as a note, as both sit on the same form. */
export const MAX_DETAIL_LENGTH = 1000;

/** What an update says besides its status and note, as typed on the form. Blank means "none". */
export interface TypedUpdateDetails {
  impact?: string;
  evidenceLink?: string;
  correctiveAction?: string;
}

/** The details as stored: readable text, an https link in normal form, nothing blank. */
export interface UpdateDetails {
  impact?: string;
  evidenceUrl?: string;
  correctiveAction?: string;
}

export type UpdateDetailsReading = Result<{ details: UpdateDetails }>;

export const CORRECTIVE_ACTION_NEEDED =
  'A red status needs a corrective action: what is being done to bring the action back on track.';

/**
 * The form's impact, evidence link and corrective action, read as they will be stored. A corrective action is
 * required for red; a blank evidence link is no link, anything else must be a well-formed https:// address.
 */
export function readUpdateDetails(rag: RagStatus, typed: TypedUpdateDetails): UpdateDetailsReading {
  const impact = readDetail('Impact so far', typed.impact ?? '');
  if (!impact.ok) return impact;
  const corrective = readDetail('A corrective action', typed.correctiveAction ?? '');
  if (!corrective.ok) return corrective;
  if (rag === 'red' && corrective.text === '') return { ok: false, problem: CORRECTIVE_ACTION_NEEDED };
  const linkText = typed.evidenceLink ?? '';
  let evidenceUrl: string | undefined;
  if (linkText.trim() !== '') {
    const link = readEvidenceLink(linkText);
    if (!link.ok) return { ok: false, problem: `Evidence link: ${link.problem}` };
    evidenceUrl = link.url;
  }
  return {
    ok: true,
    details: {
      ...(impact.text ? { impact: impact.text } : {}),
      ...(evidenceUrl ? { evidenceUrl } : {}),
      ...(corrective.text ? { correctiveAction: corrective.text } : {}),
    },
  };
}

type DetailReading = Result<{ text: string }>;

function readDetail(label: string, raw: string): DetailReading {
  // Far over the limit is refused before reading, so nothing long is scanned twice.
  if (raw.length > MAX_DETAIL_LENGTH * 8) return tooLong(label, raw.length);
  const read = readNote(raw);
  if (!read.ok) return { ok: false, problem: `${label}: ${read.problem}` };
  const length = [...read.note].length;
  if (length > MAX_DETAIL_LENGTH) return tooLong(label, length);
  return { ok: true, text: read.note };
}

function tooLong(label: string, length: number): DetailReading {
  const count = (value: number) => value.toLocaleString('en-GB');
  return {
    ok: false,
    problem: `${label} can be at most ${count(MAX_DETAIL_LENGTH)} characters; this has ${count(length)}. Please shorten it.`,
  };
}
