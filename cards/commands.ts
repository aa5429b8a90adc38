import { SUBMIT_VERB, type RunCommandPayload } from './verbs';

/**
 * The typed commands the cards' navigation buttons send, as if the user had typed them. The bot's command
 * parser must accept every one of these.
 */
export const COMMANDS = {
  showPlan: () => 'show plan',
  showAim: (aimNumber: number) => `show aim ${aimNumber}`,
  showPriority: (priorityNumber: number) => `show priority ${priorityNumber}`,
  showAction: (actionId: string) => `show action ${actionId}`,
  history: (actionId: string) => `history ${actionId}`,
  myActions: () => 'my actions',
  help: () => 'help',
  exceptions: () => 'exceptions',
} as const;

/** Template data for an Action.Submit navigation button. */
export type NavButtonData = { title: string; data: RunCommandPayload };

export function navButton(title: string, command: string): NavButtonData {
  return { title, data: { verb: SUBMIT_VERB.runCommand, command } };
}
