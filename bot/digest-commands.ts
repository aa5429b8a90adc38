import { TurnContext } from 'botbuilder';
import type { BotDependencies } from './bot-dependencies';
import type { CommandReply } from './command-handlers';
import { notice } from './notices';

/** preview digest, post digest, set board channel: board admins only. */
export class DigestCommands {
  constructor(private readonly deps: BotDependencies) {}

  private async admin(context: TurnContext) {
    const person = await this.deps.people.identify(context);
    return this.deps.statusService.isAdmin(person) ? person : undefined;
  }

  private refusal(): CommandReply {
    return notice('warning', 'Only board admins can do that', 'Ask the board chair or business manager.', [
      'help',
    ]);
  }

  /** The preview is for the admin alone: in a channel or group it goes to their personal chat. */
  async preview(context: TurnContext): Promise<CommandReply> {
    const person = await this.admin(context);
    if (!person) return this.refusal();
    const { digest, card } = await this.deps.digest.prepare();
    if (context.activity.conversation?.conversationType === 'personal')
      return { card, summary: digest.summary };
    const known = person.email ? await this.deps.peopleStore.findByEmail(person.email) : undefined;
    if (known?.personalConversation) {
      const sent = await this.deps.sender.sendCard(known.personalConversation, card, digest.summary);
      if (sent.kind === 'sent') {
        return notice(
          'good',
          'Preview sent to you',
          'I have sent the digest preview to our personal chat.',
          [],
        );
      }
    }
    return notice(
      'default',
      'Preview in a personal chat',
      'So that only you see it, say "preview digest" to me in a personal chat.',
      [],
    );
  }

  async post(context: TurnContext): Promise<CommandReply> {
    if (!(await this.admin(context))) return this.refusal();
    const result = await this.deps.digest.run({ force: true });
    switch (result.kind) {
      case 'posted':
        return notice(
          'good',
          'Digest posted',
          `Posted to the board channel as an extra digest for ${result.week}.`,
          [],
        );
      case 'noBoardChannel':
        return notice(
          'warning',
          'No board channel',
          'In the board channel, @mention me with "set board channel"; then "post digest" posts it there.',
          [],
        );
      case 'botRemoved':
        return notice(
          'warning',
          'I am not in the board channel any more',
          'Add me back to the team and say "set board channel" there.',
          [],
        );
      case 'inProgressElsewhere':
        return notice('default', 'Being posted', `The digest for ${result.week} is being posted now.`, []);
      case 'alreadyPosted':
        return notice('default', 'Already posted', `The digest for ${result.week} is already out.`, []);
    }
  }

  async setBoardChannel(context: TurnContext): Promise<CommandReply> {
    const person = await this.admin(context);
    if (!person) return this.refusal();
    const team = (context.activity.channelData as { team?: { id?: unknown } } | undefined)?.team;
    if (context.activity.conversation?.conversationType !== 'channel' || typeof team?.id !== 'string') {
      return notice(
        'default',
        'The board channel has to be a team channel',
        'The digest goes to a channel of the board\'s team, not to a personal or group chat. In that channel, @mention me with "set board channel".',
        [],
      );
    }
    await this.recordBoardChannel(context, person.email ?? person.name);
    return notice('good', 'Board channel set', 'The weekly digest will be posted here.', ['preview digest']);
  }

  /** The channel's own conversation, not the thread this message started. */
  private async recordBoardChannel(context: TurnContext, setBy: string): Promise<void> {
    const reference = TurnContext.getConversationReference(context.activity);
    const channelId = (context.activity.channelData as { channel?: { id?: string } } | undefined)?.channel
      ?.id;
    const conversationId = channelId ?? reference.conversation?.id?.split(';')[0] ?? '';
    await this.deps.boardChannels.set({
      conversationId,
      reference: { ...reference, conversation: { ...reference.conversation, id: conversationId } },
      active: true,
      setAt: this.deps.clock().toISOString(),
      setBy,
    });
    this.deps.logger.info({ conversationId }, 'board channel recorded');
  }
}
