import { MAX_MESSAGE_LENGTH } from '../domain/commands';
import type { InboundActivity } from './teams-turn';

/** Teams escapes "<" inside a mention's name, so a mention's tag ends at the next "<": linear. */
const LEADING_MENTIONS = /^(?:\s*<at\b[^<>]*>[^<]*<\/at>)+/i;

/**
 * What the person typed to the bot: the message text without the bot's own @mention(s) in front, which
 * Teams puts there in channels and group chats, and with Teams' non-breaking spaces made plain. Mentions
 * of other people stay: inside an update's note they are part of what the owner wrote.
 */
export function commandText(activity: Pick<InboundActivity, 'text'>): string {
  const text = typeof activity.text === 'string' ? activity.text : '';
  // Longer than Teams allows: left as it is, for the parser to answer without reading it.
  if (text.length > MAX_MESSAGE_LENGTH) return text;
  return text
    .replace(/&nbsp;|\u00a0/gi, ' ')
    .replace(LEADING_MENTIONS, '')
    .trim();
}
