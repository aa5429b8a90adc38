import type { Plan } from '../../plan/plan-schema';
import { boundedEditDistance, typoAllowance } from '../edit-distance';
import { parseRagWord } from '../rag-status';
import { commandFamily, incomplete, type ParseReply } from './command-family';
import { afterSeparator } from './message-text';
import { afterActionId, echo } from './plan-references';

/**
 * "update 5.1 amber Audit booked". A status word that is not a status ("update 5.1 purple") is
 * 'incomplete', with a "did you mean" when the word is a near miss, so the person is told straight away;
 * the status service still checks the word, as updates also arrive from cards.
 */
export type UpdateCommand = { kind: 'updateStatus'; actionId: string; ragWord: string; note: string };

// Placeholders, never sample words: an example is only ever shown, and must not read as something said.
const EXAMPLE_NOTE = '<note>';
const UPDATE = /^update\b([\s\S]*)$/i;
// The status word; an optional "amber: note" or "amber - note" separator follows on the same line.
const STATUS_AND_NOTE = /^(?:(?:to|as)\s+(?=\S))?(not[\s_-]*started|[a-z]+)(?![a-z])([\s\S]*)$/i;
const STATUS_SEPARATORS = ':,.-–—';
const RAG_SUGGESTIONS = ['red', 'amber', 'green', 'complete'];

export const update = commandFamily<UpdateCommand>({
  changesRecord: { updateStatus: true },
  // Mentions inside the note stay: a colleague mentioned there is part of what the owner wrote.
  parse: ({ typed, plan }) => parseUpdate(typed, plan),
  help: [
    {
      command: 'update 5.1 amber <note>',
      description: 'Post a status (red, amber, green or complete) with a note. Red and amber need a note.',
      adminOnly: false,
    },
  ],
  nearMisses: [{ canonical: 'update', heads: ['update'], keepsArguments: true }],
  menu: [
    {
      title: 'update',
      description:
        'Post a status (red, amber, green or complete) with a note, e.g. update 5.1 amber Audit booked. No child or family details.',
      scopes: ['personal', 'team', 'groupChat'],
    },
  ],
});

function parseUpdate(message: string, plan: Plan): UpdateCommand | ParseReply | undefined {
  return afterActionId(
    message,
    UPDATE,
    plan,
    (example) =>
      incomplete(
        'Which action? Give its number, then the status and a note.',
        `update ${example} amber ${EXAMPLE_NOTE}`,
      ),
    (actionId, rest) => parseStatusAndNote(actionId, afterSeparator(rest, ':,.').trim()),
  );
}

function parseStatusAndNote(actionId: string, rest: string): UpdateCommand | ParseReply {
  if (rest === '') {
    return incomplete(
      `What is the status of ${actionId}? Give red, amber, green or complete, then a note.`,
      `update ${actionId} amber ${EXAMPLE_NOTE}`,
      { actionId },
    );
  }
  const parts = STATUS_AND_NOTE.exec(rest);
  if (parts && parseRagWord(parts[1])) {
    return {
      kind: 'updateStatus',
      actionId,
      ragWord: parts[1],
      note: afterSeparator(parts[2], STATUS_SEPARATORS).trim(),
    };
  }
  const typed = rest.split(/\s+/)[0];
  const nearMiss = closestRagWord(typed);
  const typedNote = rest.slice(typed.length).trim();
  const exampleNote = typedNote.length <= 60 ? typedNote : '';
  return incomplete(
    `"${echo(typed)}" is not a status: use red, amber, green or complete.` +
      (nearMiss ? ` Did you mean ${nearMiss}?` : ''),
    `update ${actionId} ${nearMiss ?? 'amber'} ${exampleNote || EXAMPLE_NOTE}`,
    typedNote ? { actionId, note: typedNote } : { actionId },
  );
}

function closestRagWord(typed: string): string | undefined {
  const word = typed.toLowerCase();
  let closest: { word: string; distance: number } | undefined;
  for (const candidate of RAG_SUGGESTIONS) {
    const distance = boundedEditDistance(word, candidate, typoAllowance(candidate.length));
    if (distance !== undefined && (!closest || distance < closest.distance)) {
      closest = { word: candidate, distance };
    }
  }
  return closest?.word;
}
