import { buildNoticeCard } from '../cards';
import type { Tone } from '../cards/view-models';
import type { CommandReply } from './command-handlers';

export function notice(tone: Tone, title: string, text: string, commands: string[]): CommandReply {
  return {
    summary: title,
    card: buildNoticeCard({
      tone,
      title,
      text,
      suggestions: commands.map((command) => ({ title: command, command })),
    }),
  };
}
