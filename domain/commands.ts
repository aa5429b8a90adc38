import type { Plan, Priority } from '../plan/plan-schema';
import {
  boundedEditDistance,
  pickSuggestions,
  suggestCommands,
  suggestPriorities,
  typoAllowance,
  type PriorityTerms,
  type Suggestion,
} from './command-suggestions';
import { findAction, findAim, findPriority } from './plan-lookup';
import { guestHomeAddress, loginKey, MAX_ADDRESS_LENGTH } from './person';
import { parseRagWord } from './rag-status';

export type Command =
  | { kind: 'help' }
  | { kind: 'showPlan' }
  | { kind: 'showAim'; aim: number }
  | { kind: 'showPriority'; priority: number }
  | { kind: 'showAction'; actionId: string }
  | { kind: 'updateStatus'; actionId: string; ragWord: string; note: string }
  | { kind: 'assignOwner'; actionId: string; ownerEmail: string }
  | { kind: 'myActions' }
  | { kind: 'history'; actionId: string; page?: number }
  | { kind: 'redact'; actionId: string; version: number; reason: string }
  /** "due 5.1 31 March 2027 [because …]": the date is read by the use case, which knows today. */
  | { kind: 'setTarget'; actionId: string; dateText: string; reason?: string }
  | { kind: 'setLead'; actionId: string; agency: string }
  /** "history 5.1 since 1 April 2026": the period is read by the use case, which knows today. */
  | { kind: 'historyInPeriod'; scope: { actionId: string } | { priority: number }; periodText: string }
  | { kind: 'previewDigest' }
  | { kind: 'postDigest' }
  | { kind: 'setBoardChannel' }
  /** Dates as typed ("1 Jan 2026", "2026-01-01"): read against today by the use case, which has the clock. */
  | { kind: 'boardPack'; from?: string; to?: string; asAt?: string }
  | { kind: 'boardPacks' }
  /** `agency` as typed; empty asks which agencies there are. */
  | { kind: 'showAgency'; agency: string }
  | { kind: 'exceptions' }
  | { kind: 'notInPlan'; what: 'aim' | 'priority' | 'action'; asked: string; message: string }
  | {
      kind: 'incomplete';
      message: string;
      /** Shown as text: a placeholder stands where the person's own words go, so nothing in it is invented. */
      example: string;
      /** For an update that could not be read: the action's form, filled in with what was typed. */
      draft?: { actionId: string; note?: string };
    }
  | { kind: 'unknown'; suggestions: string[] }
  | { kind: 'tooLong'; maxLength: number };

export interface CommandHelp {
  /** At most 32 characters: Teams' limit for a manifest command title. */
  command: string;
  /** At most 128 characters: Teams' limit for a manifest command description. */
  description: string;
  adminOnly: boolean;
}

export const COMMAND_HELP: readonly CommandHelp[] = [
  { command: 'help', description: 'What I can do.', adminOnly: false },
  {
    command: 'show plan',
    description: 'The plan at a glance: aims, priorities and RAG totals.',
    adminOnly: false,
  },
  { command: 'show aim 1', description: 'One aim and its priorities.', adminOnly: false },
  {
    command: 'show priority 5',
    description: 'A priority and its actions. "p5" or a keyword such as "show neglect" works too.',
    adminOnly: false,
  },
  {
    command: 'show action 5.1',
    description: 'An action, its owner and its latest status.',
    adminOnly: false,
  },
  {
    command: 'update 5.1 amber <note>',
    description: 'Post a status (red, amber, green or complete) with a note. Red and amber need a note.',
    adminOnly: false,
  },
  {
    command: 'my actions',
    description: 'The actions you own and how long since each was updated.',
    adminOnly: false,
  },
  {
    command: 'history 5.1',
    description: 'Every change to an action, numbered, ten to a page; "history 5.1 page 2" shows older ones.',
    adminOnly: false,
  },
  {
    command: 'history 5.1 since 1 April 2026',
    description:
      'Every change in a period, newest first; also "history priority 5 from 1 Jan 2026 to 31 Mar 2026".',
    adminOnly: false,
  },
  {
    command: 'due 5.1 31 March 2027',
    description: 'Set or revise the target date (owner or admin); add "because <reason>" to a revision.',
    adminOnly: false,
  },
  {
    command: 'show agency police',
    description:
      'The actions an agency leads: status, direction of travel, owner and dates. Part of a name is enough.',
    adminOnly: false,
  },
  {
    command: 'exceptions',
    description:
      "What needs the board's attention: red, stuck amber, overdue, stale and never-updated actions.",
    adminOnly: false,
  },
  { command: 'assign 5.1 to <email>', description: 'Make someone the owner of an action.', adminOnly: true },
  { command: 'lead 5.1 <agency>', description: 'Record which agency leads an action.', adminOnly: true },
  {
    command: 'redact 5.1 #7 because <why>',
    description: "Take a change's note out of the record (e.g. it named a child), keeping an audit entry.",
    adminOnly: true,
  },
  { command: 'preview digest', description: "See this week's digest before it goes out.", adminOnly: true },
  { command: 'post digest', description: 'Post the digest to the board channel now.', adminOnly: true },
  { command: 'set board channel', description: 'Post the weekly digest to this channel.', adminOnly: true },
  {
    command: 'board pack',
    description:
      'Word and Excel board pack since the last one; "board pack from 1 Jan 2026 to 31 Mar 2026", "… as at 31 Mar 2026".',
    adminOnly: true,
  },
  { command: 'board packs', description: 'The board packs issued lately, and to whom.', adminOnly: true },
];

// Placeholders, never sample words: an example is only ever shown, and must not read as something said.
const EXAMPLE_NOTE = '<note>';
const EXAMPLE_EMAIL = '<their email address>';
const ACTION_ID = /^0*(\d+)\.0*(\d+)$/;

/**
 * Teams caps a message at about 28 KB, so longer text did not come from someone typing in Teams. It is
 * answered without being parsed: every pattern below is linear, but nothing needs to read that much.
 */
export const MAX_MESSAGE_LENGTH = 28 * 1024;
/** How much of what was typed a reply quotes back. */
const MAX_ECHO_LENGTH = 60;

/**
 * Reads a chat message (with the bot's @mention already removed) as a command. Never throws: text that
 * is not a command comes back as 'unknown' with suggestions.
 *
 * An update whose status word is not a status ("update 5.1 purple") is 'incomplete', with a "did you
 * mean" when the word is a near miss, so the person is told straight away; the status service still
 * checks the word, as updates also arrive from cards.
 *
 * Mention tags are removed everywhere except inside an update's note: a colleague mentioned there is
 * part of what the owner wrote, and notes are stored exactly as typed.
 */
export function parseCommand(text: string, plan: Plan): Command {
  if (text.length > MAX_MESSAGE_LENGTH) return { kind: 'tooLong', maxLength: MAX_MESSAGE_LENGTH };
  const typed = withoutLeadingMentions(withPlainSpaces(text));
  const update = parseUpdate(typed, plan);
  if (update) return update;

  const message = withoutMentions(typed);
  if (message === '' || message === '?') return { kind: 'help' };
  return (
    parseShowAgency(message) ??
    parseAssign(message, plan) ??
    parseRedact(message, plan) ??
    parseDue(message, plan) ??
    parseLead(message, plan) ??
    parseBoardPack(simplify(message)) ??
    parseSimpleCommand(simplify(message), plan) ??
    unknown(message, plan, {
      keywordMatches: bestKeywordMatches(searchWords(message), plan, { wholeKeyword: true }),
      closeKeywords: false,
    })
  );
}

/** The message with the stray mention tags and non-breaking spaces Teams leaves in it removed. */
export function cleanMessageText(text: string): string {
  return withoutMentions(withPlainSpaces(text));
}

function withPlainSpaces(text: string): string {
  return text.replace(/&nbsp;|\u00a0/gi, ' ');
}

// Every pattern that reads user text is linear: no quantifier can overlap its neighbour, and a tag's
// attributes and a mention's name stop at the next "<" ("[^<>]*", "[^<]*"), so no scan runs past the
// next tag whatever the text holds. Teams escapes "<" inside a mention's name.
const LEADING_MENTIONS = /^(?:\s*<at\b[^<>]*>[^<]*<\/at>)+/i;
const MENTION = /<at\b[^<>]*>[^<]*<\/at>/gi;
const MENTION_TAG = /<\/?at\b[^<>]*>/gi;

function withoutLeadingMentions(text: string): string {
  return text.replace(LEADING_MENTIONS, '').trim();
}

function withoutMentions(text: string): string {
  return text.replace(MENTION, ' ').replace(MENTION_TAG, ' ').trim();
}

/** The text without trailing characters from `set`; a loop, as /[.!?]+$/ retries every run of dots. */
function withoutTrailing(text: string, set: string): string {
  let end = text.length;
  while (end > 0 && set.includes(text[end - 1])) end--;
  return text.slice(0, end);
}

/** The text without leading spaces and tabs, then one run of separator characters from `set`. */
function afterSeparator(text: string, set: string): string {
  let start = 0;
  while (start < text.length && (text[start] === ' ' || text[start] === '\t')) start++;
  while (start < text.length && set.includes(text[start])) start++;
  return text.slice(start);
}

/** A piece of what was typed, short enough to quote back. */
function echo(typed: string): string {
  return typed.length <= MAX_ECHO_LENGTH ? typed : `${typed.slice(0, MAX_ECHO_LENGTH - 1)}…`;
}

function simplify(message: string): string {
  return withoutTrailing(message.toLowerCase().replace(/\s+/g, ' ').trim(), '.!?').trim();
}

const FIXED_COMMANDS: readonly [RegExp, Command][] = [
  [/^(?:show )?help$/, { kind: 'help' }],
  [/^(?:show )?(?:the )?plan$/, { kind: 'showPlan' }],
  [/^(?:show )?my actions$/, { kind: 'myActions' }],
  [/^preview (?:the )?digest$/, { kind: 'previewDigest' }],
  [/^post (?:the )?digest$/, { kind: 'postDigest' }],
  [/^set (?:the )?board channel(?: here)?$/, { kind: 'setBoardChannel' }],
  [/^(?:show )?(?:the )?exceptions?(?: report)?$/, { kind: 'exceptions' }],
];

function parseSimpleCommand(simple: string, plan: Plan): Command | undefined {
  for (const [pattern, command] of FIXED_COMMANDS) {
    if (pattern.test(simple)) return { ...command };
  }

  const priorityNumber = /^(?:show )?(?:priority|p) ?(\d+)$/.exec(simple) ?? /^show (\d+)$/.exec(simple);
  if (priorityNumber) return showPriority(priorityNumber[1], plan);

  const actionId = /^(?:show )?(?:(?:priority|p|action) ?)?(\d+\.\d+)$/.exec(simple);
  if (actionId) return withAction(actionId[1], plan, (id) => ({ kind: 'showAction', actionId: id }));

  const aim = /^(?:show )?aim(?: (.+))?$/.exec(simple);
  if (aim) return showAim(aim[1], plan);

  if (/^(?:show )?priority$/.test(simple)) return missingPriorityNumber(plan);
  const action = /^(?:show )?action(?: (.+))?$/.exec(simple);
  if (action) return missingActionId('show action', plan, action[1]);

  const history = /^(?:show )?history(?: (?:of|for))?(?: action)?(?: (.+))?$/.exec(simple);
  const period = history && HISTORY_PERIOD.exec(history[1] ?? '');
  if (period) return historyInPeriod(period[1], period[2], period[3], plan);
  if (history) {
    const [, asked, page] = /^(\d+\.\d+)(?: (?:page|p) ?([1-9]\d{0,5}))?$/.exec(history[1] ?? '') ?? [];
    const badPage = /^(\d+\.\d+) (?:page|p)\b/.exec(history[1] ?? '');
    if (!asked && badPage) {
      return withAction(badPage[1], plan, (id) => ({
        kind: 'incomplete',
        message: `Pages are whole numbers from 1, e.g. history ${id} page 2.`,
        example: `history ${id}`,
      }));
    }
    if (!asked) return missingActionId('history', plan, history[1]);
    return withAction(asked, plan, (id) =>
      page ? { kind: 'history', actionId: id, page: Number(page) } : { kind: 'history', actionId: id },
    );
  }

  const keyword = /^(?:show |priority )(?:priority )?(.+)$/.exec(simple);
  if (keyword) return showPriorityByKeyword(keyword[1], simple, plan);
  if (simple === 'show') {
    return { kind: 'incomplete', message: 'Show what?', example: 'show plan' };
  }
  return undefined;
}

function showPriority(asked: string, plan: Plan): Command {
  const priority = findPriority(plan, Number(asked));
  if (!priority)
    return notInPlan('priority', asked, planRange(plan.priorities.length, 'priority', 'priorities'));
  return { kind: 'showPriority', priority: priority.number };
}

function showAim(asked: string | undefined, plan: Plan): Command {
  if (asked === undefined || !/^\d+$/.test(asked)) {
    return {
      kind: 'incomplete',
      message: `Which aim? ${planRange(plan.aims.length, 'aim', 'aims')}`,
      example: `show aim ${plan.aims[0].number}`,
    };
  }
  const aim = findAim(plan, Number(asked));
  if (!aim) return notInPlan('aim', asked, planRange(plan.aims.length, 'aim', 'aims'));
  return { kind: 'showAim', aim: aim.number };
}

function missingPriorityNumber(plan: Plan): Command {
  return {
    kind: 'incomplete',
    message: `Which priority? ${planRange(plan.priorities.length, 'priority', 'priorities')}`,
    example: `show priority ${plan.priorities[0].number}`,
  };
}

/** For "action 5", the example is that priority's first action. */
function missingActionId(command: string, plan: Plan, typed: string | undefined): Command {
  const priority = typed && /^\d+$/.test(typed) ? findPriority(plan, Number(typed)) : undefined;
  const example = priority?.actions[0].id ?? firstActionId(plan);
  return {
    kind: 'incomplete',
    message: `Which action? Actions are numbered within their priority, like ${example}.`,
    example: `${command} ${example}`,
  };
}

/** Resolves a typed action id ("5.1", "05.01") against the plan, or says which ids the plan has. */
function withAction(asked: string, plan: Plan, command: (actionId: string) => Command): Command {
  const parts = ACTION_ID.exec(asked);
  const priorityNumber = Number(parts?.[1]);
  const actionId = parts ? `${priorityNumber}.${Number(parts[2])}` : asked;
  if (findAction(plan, actionId)) return command(actionId);

  const priority = findPriority(plan, priorityNumber);
  if (!priority) {
    const range = planRange(plan.priorities.length, 'priority', 'priorities');
    return notInPlan('action', asked, `There is no action ${echo(asked)}. ${range}`);
  }
  return notInPlan('action', asked, actionRange(priority));
}

function actionRange(priority: Priority): string {
  const first = priority.actions[0].id;
  const last = priority.actions[priority.actions.length - 1].id;
  if (first === last) return `Priority ${priority.number} has one action, ${first}.`;
  return `Priority ${priority.number} has actions ${first}–${last}.`;
}

function planRange(count: number, singular: string, plural: string): string {
  return count === 1 ? `The plan has only ${singular} 1.` : `The plan has ${plural} 1–${count}.`;
}

function notInPlan(what: 'aim' | 'priority' | 'action', asked: string, message: string): Command {
  return { kind: 'notInPlan', what, asked: echo(asked), message };
}

function firstActionId(plan: Plan): string {
  return plan.priorities[0].actions[0].id;
}

const UPDATE = /^update\b([\s\S]*)$/i;
const LEADING_ACTION_ID = /^(?:action\s+)?(\d+\.\d+)(?!\d|\.\d)([\s\S]*)$/i;
// The status word; an optional "amber: note" or "amber - note" separator follows on the same line.
const STATUS_AND_NOTE = /^(?:(?:to|as)\s+(?=\S))?(not[\s_-]*started|[a-z]+)(?![a-z])([\s\S]*)$/i;
const STATUS_SEPARATORS = ':,.-–—';
const RAG_SUGGESTIONS = ['red', 'amber', 'green', 'complete'];

function parseUpdate(message: string, plan: Plan): Command | undefined {
  const update = UPDATE.exec(message);
  if (!update) return undefined;
  const target = LEADING_ACTION_ID.exec(update[1].trim());
  if (!target) {
    return {
      kind: 'incomplete',
      message: 'Which action? Give its number, then the status and a note.',
      example: `update ${firstActionId(plan)} amber ${EXAMPLE_NOTE}`,
    };
  }
  const rest = afterSeparator(target[2], ':,.').trim();
  return withAction(target[1], plan, (actionId) => parseStatusAndNote(actionId, rest));
}

function parseStatusAndNote(actionId: string, rest: string): Command {
  if (rest === '') {
    return {
      kind: 'incomplete',
      message: `What is the status of ${actionId}? Give red, amber, green or complete, then a note.`,
      example: `update ${actionId} amber ${EXAMPLE_NOTE}`,
      draft: { actionId },
    };
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
  return {
    kind: 'incomplete',
    message:
      `"${echo(typed)}" is not a status: use red, amber, green or complete.` +
      (nearMiss ? ` Did you mean ${nearMiss}?` : ''),
    example: `update ${actionId} ${nearMiss ?? 'amber'} ${exampleNote || EXAMPLE_NOTE}`,
    draft: typedNote ? { actionId, note: typedNote } : { actionId },
  };
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

const SHOW_AGENCY = /^(?:show\s+)?(?:the\s+)?(?:lead\s+)?agenc(?:y|ies)(?![a-z])[\s:]*([\s\S]*)$/i;

/** "show agency police", "agency Thames Valley", "show agencies": the name as typed, matched by the use case. */
function parseShowAgency(message: string): Command | undefined {
  const agency = SHOW_AGENCY.exec(message);
  if (!agency) return undefined;
  return { kind: 'showAgency', agency: withoutTrailing(agency[1].trim(), '.!?').trim() };
}

const ASSIGN = /^assign\b([\s\S]*)$/i;
const ASSIGN_ID_FIRST = /^(?:action\s+)?(\d+\.\d+)(?!\d|\.\d)([\s\S]*)$/i;
const ACTION_ID_WORD = /^\d+\.\d+$/;
const EMAIL = /^[a-z0-9_%+'-]+(?:\.[a-z0-9_%+'-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/;

function parseAssign(message: string, plan: Plan): Command | undefined {
  const assign = ASSIGN.exec(message);
  if (!assign) return undefined;
  const rest = assign[1].trim();
  const target = addressFirst(rest) ?? actionFirst(rest);
  if (!target) {
    return {
      kind: 'incomplete',
      message: 'Which action, and who should own it? Give the action number and their email address.',
      example: `assign ${firstActionId(plan)} to ${EXAMPLE_EMAIL}`,
    };
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

function assignOwner(actionId: string, typedEmail: string): Command {
  const example = `assign ${actionId} to ${EXAMPLE_EMAIL}`;
  if (typedEmail === '') {
    return { kind: 'incomplete', message: `Who should own ${actionId}? Give their email address.`, example };
  }
  const address = ownerAddress(typedEmail);
  if (!address) {
    return {
      kind: 'incomplete',
      message: `"${echo(typedEmail)}" does not look like an email address.`,
      example,
    };
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

const REDACT = /^redact\b\s*([\s\S]*)$/i;
const REDACT_TARGET =
  /^(?:action\s+)?(\d+\.\d+)(?!\d|\.\d)(?:\s+(?:change\s+)?#?(\d{1,9})(?=\s|$))?\s*(?:because\b\s*:?)?\s*([\s\S]*)$/i;

/** "redact 5.1 #7 because it named a child": an admin takes change 7's note out of the record. */
function parseRedact(message: string, plan: Plan): Command | undefined {
  const redact = REDACT.exec(message);
  if (!redact) return undefined;
  const target = REDACT_TARGET.exec(redact[1].trim());
  if (!target) {
    return {
      kind: 'incomplete',
      message: 'Which action and which change? e.g. redact 5.1 #7 because it named a child.',
      example: `history ${firstActionId(plan)}`,
    };
  }
  const [, asked, change, reason] = target;
  return withAction(asked, plan, (actionId): Command => {
    if (!change) {
      return {
        kind: 'incomplete',
        message: `Which change? Give its number from the history, e.g. redact ${actionId} #7 because it named a child.`,
        example: `history ${actionId}`,
      };
    }
    if (reason.trim() === '') {
      return {
        kind: 'incomplete',
        message: `Why is change #${Number(change)} being redacted? Type the reason after "because", e.g. redact ${actionId} #${Number(change)} because it named a child. Or use Redact on the change in the history.`,
        example: `history ${actionId}`,
      };
    }
    return { kind: 'redact', actionId, version: Number(change), reason: reason.trim() };
  });
}

const HISTORY_PERIOD = /^(?:(\d+\.\d+)|(?:priority|p) ?(\d+)) ((?:since|from|between) [\s\S]+)$/;

function historyInPeriod(
  actionId: string | undefined,
  priority: string | undefined,
  periodText: string,
  plan: Plan,
): Command {
  if (actionId !== undefined) {
    return withAction(actionId, plan, (id) => ({
      kind: 'historyInPeriod',
      scope: { actionId: id },
      periodText,
    }));
  }
  const found = findPriority(plan, Number(priority));
  if (!found) {
    return notInPlan('priority', priority ?? '', planRange(plan.priorities.length, 'priority', 'priorities'));
  }
  return { kind: 'historyInPeriod', scope: { priority: found.number }, periodText };
}

const DUE = /^due\b\s*([\s\S]*)$/i;
const LEAD = /^lead\b\s*([\s\S]*)$/i;
// The first "because" ends the date; everything after it is the reason, as typed.
const BECAUSE = /(?:^|\s)because\b\s*:?/i;

/** "due 5.1 31 March 2027", "due 5.1 30 June 2027 because the audit moved". */
function parseDue(message: string, plan: Plan): Command | undefined {
  const due = DUE.exec(message);
  if (!due) return undefined;
  const target = LEADING_ACTION_ID.exec(due[1].trim());
  if (!target) {
    const example = firstActionId(plan);
    return {
      kind: 'incomplete',
      message: `Which action, and when is it due? e.g. due ${example} 31 March 2027.`,
      example: `due ${example} <date>`,
    };
  }
  return withAction(target[1], plan, (actionId): Command => {
    const rest = afterSeparator(target[2], ':,').trim();
    const because = BECAUSE.exec(rest);
    const dateText = (because ? rest.slice(0, because.index) : rest).trim();
    if (dateText === '') {
      return {
        kind: 'incomplete',
        message: `When is ${actionId} due? Give a date, e.g. due ${actionId} 31 March 2027.`,
        example: `due ${actionId} <date>`,
      };
    }
    if (!because) return { kind: 'setTarget', actionId, dateText };
    const reason = rest.slice(because.index + because[0].length).trim();
    if (reason === '') {
      return {
        kind: 'incomplete',
        message: 'Why is the date changing? Type the reason after "because", or leave "because" out.',
        example: `due ${actionId} ${echo(dateText)} because <reason>`,
      };
    }
    return { kind: 'setTarget', actionId, dateText, reason };
  });
}

/** "lead 5.1 Thames Valley Police": the agency as typed; the use case reads it. */
function parseLead(message: string, plan: Plan): Command | undefined {
  const lead = LEAD.exec(message);
  if (!lead) return undefined;
  const target = LEADING_ACTION_ID.exec(lead[1].trim());
  if (!target) {
    const example = firstActionId(plan);
    return {
      kind: 'incomplete',
      message: `Which action, and which agency leads it? e.g. lead ${example} Thames Valley Police.`,
      example: `lead ${example} <agency>`,
    };
  }
  return withAction(target[1], plan, (actionId): Command => {
    const agency = afterSeparator(target[2], ':,').trim();
    if (agency === '') {
      return {
        kind: 'incomplete',
        message: `Which agency leads ${actionId}? e.g. lead ${actionId} Thames Valley Police.`,
        example: `lead ${actionId} <agency>`,
      };
    }
    return { kind: 'setLead', actionId, agency };
  });
}

const BOARD_PACK = /^board ?packs?\b(.*)$/;
const AS_AT = /^(.*?)\s*\bas (?:at|of|on) (.+)$/;
const PACK_PERIOD = /^(?:from|since|between) (.+?)(?: (?:to|until|till|and) (.+))?$/;
const BOARD_PACK_EXAMPLE = 'board pack from 1 Jan 2026 to 31 Mar 2026';

/**
 * "board pack", "board pack from 1 Jan 2026 to 31 Mar 2026", "board pack as at 31 Mar 2026" (either order),
 * "board packs". The dates are kept as typed; the use case reads them against today.
 */
function parseBoardPack(simple: string): Command | undefined {
  const pack = BOARD_PACK.exec(simple);
  if (!pack) return undefined;
  const rest = pack[1].trim();
  if (/^board ?packs\b/.test(simple)) {
    return rest === '' ? { kind: 'boardPacks' } : undefined;
  }
  if (rest === '') return { kind: 'boardPack' };
  const asAt = AS_AT.exec(rest);
  const periodText = (asAt ? asAt[1] : rest).trim();
  const command: Extract<Command, { kind: 'boardPack' }> = { kind: 'boardPack' };
  if (asAt) command.asAt = asAt[2].trim();
  if (periodText === '') return command;
  const period = PACK_PERIOD.exec(periodText);
  if (!period) {
    return {
      kind: 'incomplete',
      message: 'I read a board pack\'s dates like "from 1 Jan 2026 to 31 Mar 2026" or "as at 31 Mar 2026".',
      example: BOARD_PACK_EXAMPLE,
    };
  }
  command.from = period[1].trim();
  if (period[2] !== undefined) command.to = period[2].trim();
  return command;
}

// Command words too, so that "show priority neglect" searches for "neglect" alone.
const SEARCH_STOP_WORDS = new Set([
  ...['the', 'a', 'an', 'and', 'of', 'for', 'to', 'in', 'on', 'with', 'about', 'me', 'please'],
  ...['show', 'priority', 'p'],
]);

/** Lower case and singular, so "Adolescents" finds "adolescent" and "audits" finds "audit". */
function searchWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0 && !SEARCH_STOP_WORDS.has(word))
    .map(singular);
}

function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

function priorityTerms(priority: Priority): PriorityTerms {
  const terms = new Set([...priority.keywords.flatMap(searchWords), ...searchWords(priority.title)]);
  return { number: priority.number, terms: [...terms] };
}

interface KeywordScore {
  priority: number;
  /** Typed words found among the priority's keywords and title words. */
  words: number;
  /** Whole keywords, however many words long, found in what was typed. */
  keywords: number;
  /** Typed words in the priority's title: "show board" means "Improve board effectiveness". */
  titleWords: number;
}

/**
 * "show neglect", "show board effectiveness": the priority whose keywords and title words cover most of
 * what was typed. A tie is not guessed at; the tied priorities are offered as suggestions.
 */
function showPriorityByKeyword(query: string, simple: string, plan: Plan): Command {
  const matches = bestKeywordMatches(searchWords(query), plan, { wholeKeyword: false });
  if (matches.length === 1) return { kind: 'showPriority', priority: matches[0] };
  return unknown(simple, plan, { keywordMatches: matches, closeKeywords: true });
}

/**
 * The priorities matching the typed words best: none when nothing matches, several on a tie. With
 * `wholeKeyword`, a single word of a longer keyword is not enough ("help" is not "early help").
 */
function bestKeywordMatches(
  typed: readonly string[],
  plan: Plan,
  options: { wholeKeyword: boolean },
): number[] {
  const scores = plan.priorities
    .map((priority) => scoreKeywordMatch(typed, priority))
    .filter((score) => (options.wholeKeyword ? score.keywords > 0 : score.words > 0));
  if (scores.length === 0) return [];
  const best = scores.reduce((a, b) => (compareScores(b, a) < 0 ? b : a));
  return scores.filter((score) => compareScores(score, best) === 0).map((score) => score.priority);
}

function scoreKeywordMatch(typed: readonly string[], priority: Priority): KeywordScore {
  const terms = new Set(priorityTerms(priority).terms);
  const titleWords = new Set(searchWords(priority.title));
  const typedPhrase = ` ${typed.join(' ')} `;
  return {
    priority: priority.number,
    words: typed.filter((word) => terms.has(word)).length,
    keywords: priority.keywords.filter((keyword) => {
      const words = searchWords(keyword);
      return words.length > 0 && typedPhrase.includes(` ${words.join(' ')} `);
    }).length,
    titleWords: typed.filter((word) => titleWords.has(word)).length,
  };
}

/** Negative when `a` is the better match. */
function compareScores(a: KeywordScore, b: KeywordScore): number {
  return b.words - a.words || b.keywords - a.keywords || b.titleWords - a.titleWords;
}

/**
 * Near-miss commands, then the priorities the typed words matched (a tie after "show", or a whole
 * keyword typed on its own), then, after "show", priorities with a keyword close to a typed word.
 */
function unknown(
  typed: string,
  plan: Plan,
  options: { keywordMatches: readonly number[]; closeKeywords: boolean },
): Command {
  const candidates: Suggestion[] = [
    ...suggestCommands(typed),
    ...options.keywordMatches.map((priority) => ({ command: `show priority ${priority}`, distance: 0 })),
    ...(options.closeKeywords
      ? suggestPriorities(searchWords(typed), plan.priorities.map(priorityTerms))
      : []),
  ];
  return { kind: 'unknown', suggestions: pickSuggestions(candidates, typed) };
}
