import type { Plan } from '../../plan/plan-schema';
import { COMMAND_FAMILIES, type Command } from './catalogue';
import type { ChatText, CommandFamily, CommandText } from './command-family';
import { searchOrUnknown } from './keyword-search';
import { MAX_MESSAGE_LENGTH, simplify } from './message-text';

const families: readonly CommandFamily<{ kind: string }>[] = COMMAND_FAMILIES;

/**
 * Reads a chat message, as plain text (the bot's Teams adapter has removed Teams' markup), as a command. Never throws: text that
 * is not a command comes back as 'unknown' with suggestions. Each family in the catalogue is asked in
 * turn; the first that recognises the text answers, with its command or with why it cannot run it.
 */
export function parseCommand(text: string | ChatText, plan: Plan): Command {
  const chat = typeof text === 'string' ? { typed: text, message: text } : text;
  if (chat.typed.length > MAX_MESSAGE_LENGTH) return { kind: 'tooLong', maxLength: MAX_MESSAGE_LENGTH };
  const typed = chat.typed.trim();
  const message = chat.message.trim();
  const read: CommandText = { typed, message, simple: simplify(message), plan };
  for (const family of families) {
    const parsed = family.parse(read);
    if (parsed) return parsed as Command;
  }
  return searchOrUnknown(read);
}
