import { MAX_MESSAGE_LENGTH, type ChatText } from '../domain/commands';
import type { InboundActivity } from './teams-turn';

// Linear: a tag's attributes and a mention's name stop at the next "<" ("[^<>]*", "[^<]*"), so no scan
// runs past the next tag whatever the text holds. Teams escapes "<" inside a mention's name.
const LEADING_MENTIONS = /^(?:\s*<at\b[^<>]*>[^<]*<\/at>)+/i;
const MENTION = /<at\b[^<>]*>[^<]*<\/at>/gi;
const MENTION_TAG = /<\/?at\b[^<>]*>/gi;
const NON_BREAKING_SPACE = /&nbsp;|\u00a0/gi;

/**
 * What the person typed to the bot, as plain text for the command parser: Teams' markup stays in bot/.
 * The bot's own @mention(s) in front (Teams puts them there in channels and group chats) are removed, and
 * Teams' non-breaking spaces made plain. `typed` keeps mentions of other people where they were: inside an
 * update's note they are part of what the owner wrote. `message` has every mention removed, so that a
 * mention anywhere does not stop a command being recognised.
 */
export function commandText(activity: Pick<InboundActivity, 'text'>): ChatText {
  const text = typeof activity.text === 'string' ? activity.text : '';
  // Longer than Teams allows: left as it is, for the parser to answer without reading it.
  if (text.length > MAX_MESSAGE_LENGTH) return { typed: text, message: text };
  const typed = text.replace(NON_BREAKING_SPACE, ' ').replace(LEADING_MENTIONS, '').trim();
  return { typed, message: typed.replace(MENTION, ' ').replace(MENTION_TAG, ' ').trim() };
}
