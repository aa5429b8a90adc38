import type { StatusUpdateOutcome } from '../domain/changes/status-update';
import { joinWithAnd } from '../domain/wording';
import type { Answer } from '../views/answer';
import { notice } from './notices';

/** The answers that store nothing and need only a short explanation, worded once for every way in. */

export function notInPlan(text: string): Answer {
  return notice('warning', 'Not in the plan', text, ['show plan']);
}

export function noSuchAction(actionId: string): Answer {
  return notInPlan(`There is no action ${actionId}.`);
}

/** A card sent something that does not parse, or names an action the plan does not have. */
export function cardNotRead(): Answer {
  return notice(
    'warning',
    'That card could not be read',
    'The card sent something I did not expect, so nothing was saved. Please open the action again.',
    ['help'],
  );
}

export function adminsOnly(): Answer {
  return notice('warning', 'Only board admins can do that', 'Ask the board chair or business manager.', [
    'help',
  ]);
}

export function noIdentity(): Answer {
  return notice(
    'warning',
    "I couldn't confirm who you are",
    'Teams did not tell me which work account you are signed in with, so I cannot record updates from you. Nothing was saved. If this keeps happening, ask a board admin.',
    [],
  );
}

export function busy(what: string): Answer {
  return notice(
    'warning',
    'Please try again',
    `Several people are updating ${what} at this moment. Nothing was saved; please try again.`,
    [],
  );
}

/** Status-update outcomes that store nothing. */
export function refusal(outcome: StatusUpdateOutcome): Answer {
  switch (outcome.kind) {
    case 'unknownAction':
      return noSuchAction(outcome.actionId);
    case 'invalid':
      return notice('warning', 'Nothing was saved', outcome.problem, [
        `show action ${outcome.current.actionId}`,
      ]);
    case 'noIdentity':
      return noIdentity();
    case 'notAllowed':
      return notice(
        'warning',
        'Only the owner or a board admin can update this action',
        outcome.current.ownerEmail
          ? `${outcome.current.actionId} is owned by ${outcome.current.ownerEmail}. Nothing was saved.`
          : `${outcome.current.actionId} has no owner yet; a board admin can assign one. Nothing was saved.`,
        [`show action ${outcome.current.actionId}`],
      );
    case 'busy':
      return busy('this action');
    case 'changedSinceForm':
    case 'checkPersonalData':
    case 'saved':
      return notice('warning', 'Nothing was saved', 'Please open the action again and retry.', [
        `show action ${outcome.kind === 'saved' ? outcome.action.id : outcome.current.actionId}`,
      ]);
  }
}

/** What the personal-data check found, said beside the form that holds the note. */
export function personalDataNotice(findings: readonly string[]): string {
  const found = findings.length > 0 ? joinWithAnd(findings) : 'something that could identify someone';
  return (
    `Not saved yet: this note seems to contain ${found}. Do not include anything that could identify a ` +
    'child or family. Rephrase it below, or store it as written.'
  );
}

/** A button from an older version of the app, or an invoke no route takes. */
export function unknownButton(): Answer {
  return notice(
    'warning',
    "I don't know that button",
    'It may come from an older version of this app. Nothing was changed.',
    ['help'],
  );
}

/** A turn that failed for a reason nobody foresaw: the person must not repeat a change blindly. */
export function somethingWentWrong(): Answer {
  return notice(
    'attention',
    'Something went wrong on my side',
    "I may not have been able to answer you properly. Check the action's history to see what is stored before repeating a change.",
    ['help'],
  );
}

export function storeUnavailable(): Answer {
  return notice(
    'attention',
    "I can't reach the plan store right now",
    'Nothing was saved. Please try again in a minute.',
    [],
  );
}

/** Teams could not say who is asking just now (roster 401/429/5xx or a timeout). */
export function identityUnavailable(): Answer {
  return notice(
    'warning',
    "I couldn't confirm who you are in Teams just now",
    "I couldn't confirm who you are in Teams just now; nothing was saved. Please try again.",
    [],
  );
}
