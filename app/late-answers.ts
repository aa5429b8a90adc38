import type { RagStatus } from '../domain/rag-status';
import type { Answer } from '../views/answer';
import type { SaveState } from './save-watch';
import { formOffer, notice, type NoticeExtras } from './notices';

/** What a card save was about, known before the store is asked anything. */
export interface SaveAttempt {
  actionId: string;
  rag: RagStatus;
  note: string;
}

/**
 * The answer to a card save when the store has not finished in time: exactly what is known. Nothing sent
 * (and nothing will be: the write is refused once this answer is given), the write sent and unanswered, or
 * the write confirmed and only the card not drawn again.
 */
export function lateSaveAnswer(state: SaveState, attempt: SaveAttempt): Answer {
  const { actionId } = attempt;
  return lateWriteAnswer(
    state,
    actionId,
    {
      none: [
        'Not saved: the plan store did not answer in time',
        `Nothing was stored for ${actionId}. Your words are kept in the form below; please save again in a minute.`,
      ],
      sent: [
        'Saved or not: not known yet',
        `The plan store has not confirmed your update to ${actionId} in time, so it may or may not be stored. ` +
          `Check the history of ${actionId} in a minute before saving again.`,
      ],
      committed: [
        'Saved',
        `Your update to ${actionId} is stored. The card could not be drawn again in time; show the action to see it.`,
      ],
    },
    { forms: [formOffer({ actionId, ragWord: attempt.rag, note: attempt.note })] },
  );
}

/** A card that only reads (a refresh, opening a form) when the store has not answered in time. */
export function lateReadAnswer(): Answer {
  return notice(
    'attention',
    "I can't reach the plan store right now",
    'It did not answer in time. Nothing was changed; please try again in a minute.',
    [],
  );
}

/** The escalation card's assign form when the store has not finished in time: exactly what is known. */
export function lateAssignAnswer(state: SaveState, actionId: string): Answer {
  return lateWriteAnswer(state, actionId, {
    none: [
      'Not assigned: the plan store did not answer in time',
      `Nothing was stored for ${actionId}. Please assign it again in a minute.`,
    ],
    sent: [
      'Assigned or not: not known yet',
      `The plan store has not confirmed the new owner of ${actionId} in time. ` +
        `Check the history of ${actionId} in a minute before assigning again.`,
    ],
    committed: [
      'Assigned',
      `The new owner of ${actionId} is stored. The card could not be drawn again in time; show the action to see it.`,
    ],
  });
}

/**
 * A write to one action the store has not finished in time, in each state's tone and with its next step:
 * nothing to look at when nothing was sent, its history when the outcome is not known, the action once stored.
 */
function lateWriteAnswer(
  state: SaveState,
  actionId: string,
  said: Record<SaveState, [title: string, text: string]>,
  whenNotSent: NoticeExtras = {},
): Answer {
  switch (state) {
    case 'none':
      return notice('attention', ...said.none, [], whenNotSent);
    case 'sent':
      return notice('warning', ...said.sent, [`history ${actionId}`]);
    case 'committed':
      return notice('good', ...said.committed, [`show action ${actionId}`]);
  }
}
