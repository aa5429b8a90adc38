import type { Plan, Priority } from '../../plan/plan-schema';
import { findAction, findPriority } from '../plan-lookup';
import { incomplete, type Incomplete, type NotInPlan, type ParseReply } from './command-family';

/** How much of what was typed a reply quotes back. */
const MAX_ECHO_LENGTH = 60;
const ACTION_ID = /^0*(\d+)\.0*(\d+)$/;
/** "5.1", "action 5.1", then the rest: what most commands start with. */
export const LEADING_ACTION_ID = /^(?:action\s+)?(\d+\.\d+)(?!\d|\.\d)([\s\S]*)$/i;

/** A piece of what was typed, short enough to quote back. */
export function echo(typed: string): string {
  return typed.length <= MAX_ECHO_LENGTH ? typed : `${typed.slice(0, MAX_ECHO_LENGTH - 1)}…`;
}

/** Resolves a typed action id ("5.1", "05.01") against the plan, or says which ids the plan has. */
export function withAction<C>(asked: string, plan: Plan, command: (actionId: string) => C): C | NotInPlan {
  const parts = ACTION_ID.exec(asked);
  const priorityNumber = Number(parts?.[1]);
  const actionId = parts ? `${priorityNumber}.${Number(parts[2])}` : asked;
  if (findAction(plan, actionId)) return command(actionId);

  const priority = findPriority(plan, priorityNumber);
  if (!priority) {
    return notInPlan('action', asked, `There is no action ${echo(asked)}. ${priorityRange(plan)}`);
  }
  return notInPlan('action', asked, actionRange(priority));
}

/**
 * "<command> 5.1 …": after the command's `head` comes `target`, whose first group is an action id, resolved
 * against the plan; `then` reads the groups after it (by default, all that follows the id). Undefined when
 * the message is not this command; `noActionId` (given the plan's first action id for its example) when
 * `target` does not match.
 */
export function afterActionId<C>(
  message: string,
  head: RegExp,
  plan: Plan,
  noActionId: (exampleId: string) => Incomplete,
  then: (actionId: string, ...after: string[]) => C | ParseReply,
  target: RegExp = LEADING_ACTION_ID,
): C | ParseReply | undefined {
  const command = head.exec(message);
  if (!command) return undefined;
  const found = target.exec(command[1].trim());
  if (!found) return noActionId(firstActionId(plan));
  return withAction(found[1], plan, (actionId) => then(actionId, ...found.slice(2)));
}

/** For "action 5", the example is that priority's first action. */
export function missingActionId(command: string, plan: Plan, typed: string | undefined): Incomplete {
  const priority = typed && /^\d+$/.test(typed) ? findPriority(plan, Number(typed)) : undefined;
  const example = priority?.actions[0].id ?? firstActionId(plan);
  return incomplete(
    `Which action? Actions are numbered within their priority, like ${example}.`,
    `${command} ${example}`,
  );
}

function actionRange(priority: Priority): string {
  const first = priority.actions[0].id;
  const last = priority.actions[priority.actions.length - 1].id;
  if (first === last) return `Priority ${priority.number} has one action, ${first}.`;
  return `Priority ${priority.number} has actions ${first}–${last}.`;
}

export function planRange(count: number, singular: string, plural: string): string {
  return count === 1 ? `The plan has only ${singular} 1.` : `The plan has ${plural} 1–${count}.`;
}

export function priorityRange(plan: Plan): string {
  return planRange(plan.priorities.length, 'priority', 'priorities');
}

export function notInPlan(what: NotInPlan['what'], asked: string, message: string): NotInPlan {
  return { kind: 'notInPlan', what, asked: echo(asked), message };
}

export function firstActionId(plan: Plan): string {
  return plan.priorities[0].actions[0].id;
}
