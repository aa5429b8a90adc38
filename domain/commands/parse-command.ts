import type { Plan } from '../../plan/plan-schema';
import { COMMAND_FAMILIES, type Command } from './catalogue';
import type { CommandFamily, CommandText } from './command-family';
import { searchOrUnknown } from './keyword-search';
import {
  MAX_MESSAGE_LENGTH,
  simplify,
  withoutLeadingMentions,
  withoutMentions,
  withPlainSpaces,
} from './message-text';

const families: readonly CommandFamily<{ kind: string }>[] = COMMAND_FAMILIES;

/**
 * Reads a chat message (with the bot's @mention already removed) as a command. Never throws: text that
 * is not a command comes back as 'unknown' with suggestions. Each family in the catalogue is asked in
 * turn; the first that recognises the text answers, with its command or with why it cannot run it.
 */
export function parseCommand(text: string, plan: Plan): Command {
  if (text.length > MAX_MESSAGE_LENGTH) return { kind: 'tooLong', maxLength: MAX_MESSAGE_LENGTH };
  const typed = withoutLeadingMentions(withPlainSpaces(text));
  const message = withoutMentions(typed);
  const read: CommandText = { typed, message, simple: simplify(message), plan };
  for (const family of families) {
    const parsed = family.parse(read);
    if (parsed) return parsed as Command;
  }
  return searchOrUnknown(read);
}
