import type { Aim, Plan, PlanAction, Priority } from '../plan/plan-schema';

export function findPriority(plan: Plan, number: number): Priority | undefined {
  return plan.priorities.find((priority) => priority.number === number);
}

export function findAim(plan: Plan, number: number): Aim | undefined {
  return plan.aims.find((aim) => aim.number === number);
}

export function findAction(plan: Plan, actionId: string): PlanAction | undefined {
  const priorityNumber = Number(actionId.split('.')[0]);
  return findPriority(plan, priorityNumber)?.actions.find((action) => action.id === actionId);
}

export function prioritiesOfAim(plan: Plan, aim: Aim): Priority[] {
  return plan.priorities.filter((priority) => priority.aim === aim.number);
}

export function priorityOfAction(plan: Plan, actionId: string): Priority | undefined {
  return plan.priorities.find((priority) => priority.actions.some((action) => action.id === actionId));
}

export function allActions(plan: Plan): PlanAction[] {
  return plan.priorities.flatMap((priority) => priority.actions);
}
