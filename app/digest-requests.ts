import type { PeopleStore } from '../domain/known-people';
import type { Person } from '../domain/person';
import type { Answer } from '../views/answer';
import type { Place } from './action-cards';
import type { Messenger } from './messenger';
import { notice } from './notices';
import { adminsOnly } from './refusals';
import type { WeeklyDigest } from './weekly-digest';

/** "preview digest" and "post digest": board admins only. */
export class DigestRequests {
  constructor(
    private readonly digest: Pick<WeeklyDigest, 'prepare' | 'run'>,
    private readonly people: Pick<PeopleStore, 'findByEmail'>,
    private readonly messenger: Messenger,
    private readonly isAdmin: (person: Person) => boolean,
  ) {}

  /** The preview is for the admin alone: in a channel or group it goes to their personal chat. */
  async preview(by: Person, place: Place): Promise<Answer> {
    if (!this.isAdmin(by)) return adminsOnly();
    const { answer } = await this.digest.prepare();
    if (place === 'personal') return answer;
    const known = by.email ? await this.people.findByEmail(by.email) : undefined;
    if (known?.personalConversation) {
      const sent = await this.messenger.sendToChat(known.personalConversation, answer);
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

  async post(by: Person): Promise<Answer> {
    if (!this.isAdmin(by)) return adminsOnly();
    const result = await this.digest.run({ force: true });
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
}
