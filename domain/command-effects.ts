import type { Command } from './commands';

/**
 * Commands that store or post something. Only the person may start one, by typing it or by saving a form
 * they have seen; a button that sends a command must never be one of these, whoever drew it.
 */
export function changesRecord(command: Command): boolean {
  switch (command.kind) {
    case 'updateStatus':
    case 'assignOwner':
    case 'postDigest':
    case 'setBoardChannel':
    case 'redact':
    case 'setTarget':
    case 'setLead':
      return true;
    case 'help':
    case 'showPlan':
    case 'showAim':
    case 'showPriority':
    case 'showAction':
    case 'myActions':
    case 'history':
    case 'historyInPeriod':
    case 'previewDigest':
    case 'boardPack':
    case 'boardPacks':
    case 'showAgency':
    case 'exceptions':
    case 'notInPlan':
    case 'incomplete':
    case 'unknown':
    case 'tooLong':
      // A board pack only offers files: what the person accepts is recorded then, never by the command.
      return false;
  }
}
