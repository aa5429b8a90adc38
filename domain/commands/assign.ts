import type { Plan } from '../../plan/plan-schema';
import { guestHomeAddress, loginKey, MAX_ADDRESS_LENGTH } from '../person';
import { commandFamily, incomplete, type ParseReply } from './command-family';
import { echo, firstActionId, withAction } from './plan-references';

export type AssignCommand = { kind: 'assignOwner'; actionId: string; ownerEmail: string };

// A placeholder, never a sample address: an example is only ever shown, and must not read as someone.
const EXAMPLE_EMAIL = '<their email address>';
const ASSIGN = /^assign\b([\s\S]*)$/i;
const ASSIGN_ID_FIRST = /^(?:action\s+)?(\d+\.\d+)(?!\d|\.\d)([\s\S]*)$/i;
const ACTION_ID_WORD = /^\d+\.\d+$/;
const EMAIL = /^[a-z0-9_%+'-]+(?:\.[a-z0-9_%+'-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/;

export const assign = commandFamily<AssignCommand>({
  changesRecord: { assignOwner: true },
  parse: ({ message, plan }) => parseAssign(message, plan),
  help: [
    {
      command: 'assign 5.1 to <email>',
      description: 'Make someone the owner of an action.',
      adminOnly: true,
    },
  ],
  nearMisses: [{ canonical: 'assign', heads: ['assign'], keepsArguments: true }],
});

function parseAssign(message: string, plan: Plan): AssignCommand | ParseReply | undefined {
  const assign = ASSIGN.exec(message);
  if (!assign) return undefined;
  const rest = assign[1].trim();
  const target = addressFirst(rest) ?? actionFirst(rest);
  if (!target) {
    return incomplete(
      'Which action, and who should own it? Give the action number and their email address.',
      `assign ${firstActionId(plan)} to ${EXAMPLE_EMAIL}`,
    );
  }
  const [asked, typedEmail] = target;
  return withAction(asked, plan, (actionId) => assignOwner(actionId, typedEmail.trim()));
}

/** "jane@x.org to 5.1", "jane@x.org to action 5.1": read word by word, not with a backtracking pattern. */
function addressFirst(rest: string): [string, string] | undefined {
  const words = rest.split(/\s+/);
  if (words.length < 3 || words.length > 4 || !words[0].includes('@') || words[1].toLowerCase() !== 'to')
    return undefined;
  if (words.length === 4 && words[2].toLowerCase() !== 'action') return undefined;
  const actionId = words[words.length - 1];
  return ACTION_ID_WORD.test(actionId) ? [actionId, words[0]] : undefined;
}

/** "5.1 to jane@x.org", "action 5.1 jane@x.org". */
function actionFirst(rest: string): [string, string] | undefined {
  const target = ASSIGN_ID_FIRST.exec(rest);
  if (!target) return undefined;
  const after = target[2].trim();
  const address = /^to\b/i.test(after) ? after.slice(2).trim() : after;
  return [target[1], address];
}

function assignOwner(actionId: string, typedEmail: string): AssignCommand | ParseReply {
  const example = `assign ${actionId} to ${EXAMPLE_EMAIL}`;
  if (typedEmail === '') {
    return incomplete(`Who should own ${actionId}? Give their email address.`, example);
  }
  const address = ownerAddress(typedEmail);
  if (!address) {
    return incomplete(`"${echo(typedEmail)}" does not look like an email address.`, example);
  }
  return { kind: 'assignOwner', actionId, ownerEmail: address };
}

/**
 * The typed address in login form (ASCII lower case only, so a look-alike letter stays itself and fails
 * the check). A guest named by their guest UPN is stored as the address they were invited with, which is
 * the address people know them by; both forms match the guest when they sign in.
 */
function ownerAddress(typed: string): string | undefined {
  if (typed.length > MAX_ADDRESS_LENGTH + 16) return undefined;
  let address = loginKey(typed);
  if (address.startsWith('mailto:')) address = address.slice('mailto:'.length);
  if (address.startsWith('<') && address.endsWith('>')) address = address.slice(1, -1);
  if (address.endsWith('.')) address = address.slice(0, -1);
  address = guestHomeAddress(address) ?? address;
  return address.length <= MAX_ADDRESS_LENGTH && EMAIL.test(address) ? address : undefined;
}
