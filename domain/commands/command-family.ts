import type { Plan } from '../../plan/plan-schema';

/**
 * One command family: how it is typed, what it parses to, how help and Teams' command menu describe it,
 * which near misses suggest it, and whether running it changes the record. The catalogue (catalogue.ts)
 * lists the families; help, the typo table, `changesRecord` and the manifest's command lists come from it.
 */
export interface CommandFamily<C extends { kind: string }> {
  /** Each kind this family parses to, and whether running it stores or posts something. */
  changesRecord: { readonly [K in C['kind']]: boolean };
  /** Undefined when the text is not this family's; a reply when it is, but incomplete or not in the plan. */
  parse(text: CommandText): C | ParseReply | undefined;
  help: readonly CommandHelp[];
  nearMisses: readonly NearMiss[];
  /** Offered in Teams' command menu (at most 10 per scope, across all families). */
  menu?: readonly MenuCommand[];
}

/** A family's own declaration, checked against its command type. */
export function commandFamily<C extends { kind: string }>(family: CommandFamily<C>): CommandFamily<C> {
  return family;
}

/**
 * A chat message as plain text, as the bot's Teams adapter hands it over (a plain string is both).
 * `typed` is what the person wrote to the bot, kept whole: a colleague mentioned inside an update's note is
 * part of the note. `message` is the same without any mention of anyone, for recognising the command.
 */
export interface ChatText {
  typed: string;
  message: string;
}

/** A message, read three ways once, for every family's parser. */
export interface CommandText extends ChatText {
  /** `message` lower-cased, one space between words, without trailing ".!?". */
  simple: string;
  plan: Plan;
}

export interface CommandHelp {
  /** At most 32 characters: Teams' limit for a manifest command title. */
  command: string;
  /** At most 128 characters: Teams' limit for a manifest command description. */
  description: string;
  adminOnly: boolean;
}

/** A near miss of `heads` ("updte", "shwo plan") suggests `canonical`. */
export interface NearMiss {
  /** How the suggestion starts. */
  canonical: string;
  /** What people type to mean it. */
  heads: readonly string[];
  /** Whether what followed the head (numbers, a note) is carried into the suggestion. */
  keepsArguments: boolean;
}

export type MenuScope = 'personal' | 'team' | 'groupChat';

/** An entry in Teams' command menu: Teams sends the title as typed. */
export interface MenuCommand {
  /** At most 32 characters. */
  title: string;
  /** At most 128 characters. */
  description: string;
  scopes: readonly MenuScope[];
}

export type NotInPlan = {
  kind: 'notInPlan';
  what: 'aim' | 'priority' | 'action';
  asked: string;
  message: string;
};

export type Incomplete = {
  kind: 'incomplete';
  message: string;
  /** Shown as text: a placeholder stands where the person's own words go, so nothing in it is invented. */
  example: string;
  /** For an update that could not be read: the action's form, filled in with what was typed. */
  draft?: { actionId: string; note?: string };
};

/** "Which action?": what is missing, and an example to type (placeholders where the person's words go). */
export function incomplete(message: string, example: string, draft?: Incomplete['draft']): Incomplete {
  return draft ? { kind: 'incomplete', message, example, draft } : { kind: 'incomplete', message, example };
}

/** What a family answers for text that is its own but cannot be run as typed. */
export type ParseReply = NotInPlan | Incomplete;

/** What the parser answers for text that is no family's command. */
export type Reply =
  ParseReply | { kind: 'unknown'; suggestions: string[] } | { kind: 'tooLong'; maxLength: number };
