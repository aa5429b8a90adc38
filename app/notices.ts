import { changesRecord, parseCommand, type Command } from '../domain/commands';
import { parseRagWord } from '../domain/rag-status';
import type { Plan } from '../plan/plan-schema';
import type { Answer } from '../views/answer';
import type { NoticeView, Tone } from '../views/view-models';

export interface NoticeExtras {
  /** Shown as text for the person to type. */
  examples?: string[];
  /** "Open the form for 5.1" buttons, filled in with what the person typed. */
  forms?: NonNullable<NoticeView['forms']>;
  /** "Offer the Word report again" buttons: they only offer; Teams asks before anything is sent. */
  fileOffers?: NonNullable<NoticeView['fileOffers']>;
}

/** A short answer; `commands` become buttons and must be commands that change nothing (see offerCommands). */
export function notice(
  tone: Tone,
  title: string,
  text: string,
  commands: string[],
  extras: NoticeExtras = {},
): Answer {
  return {
    summary: title,
    screen: {
      card: 'notice',
      view: {
        tone,
        title,
        text,
        suggestions: commands.map((command) => ({ title: command, command })),
        examples: extras.examples,
        forms: extras.forms,
        ...(extras.fileOffers ? { fileOffers: extras.fileOffers } : {}),
      },
    },
  };
}

/**
 * How each suggested command is offered: one that only shows something is a button; a status update
 * opens the action's form filled in with the typed words, to be saved there; anything else that would
 * change the record is shown as text, to be typed.
 */
export function offerCommands(
  plan: Plan,
  commands: readonly string[],
): { buttons: string[] } & Required<Pick<NoticeExtras, 'examples' | 'forms'>> {
  const offer = {
    buttons: [] as string[],
    examples: [] as string[],
    forms: [] as NonNullable<NoticeExtras['forms']>,
  };
  for (const text of commands) {
    const command = parseCommand(text, plan);
    if (onlyShows(command)) offer.buttons.push(text);
    else if (command.kind === 'updateStatus') offer.forms.push(formOffer(command));
    else offer.examples.push(text);
  }
  return offer;
}

/** A command that shows something and changes nothing: the only kind a button may send. */
export function onlyShows(command: Command): boolean {
  return !changesRecord(command) && !['incomplete', 'unknown', 'notInPlan'].includes(command.kind);
}

export function formOffer(command: { actionId: string; ragWord?: string; note?: string }) {
  const rag = command.ragWord ? parseRagWord(command.ragWord) : undefined;
  return {
    title: `Open the form for ${command.actionId}`,
    actionId: command.actionId,
    ...(rag ? { rag } : {}),
    ...(command.note ? { note: command.note } : {}),
  };
}
