import { cardsOf, cardText } from '../../scripts/support/card-content';

/** What the bot sent, as the recording connector received it. */
export type Sent = Record<string, unknown>;

export interface Attachment {
  contentType: string;
  name?: string;
  contentUrl?: string;
  content: Record<string, unknown>;
}

export function attachmentsOf(sent: Sent[], contentType: string): Attachment[] {
  return sent
    .flatMap((activity) => (activity.attachments ?? []) as Attachment[])
    .filter((attachment) => attachment.contentType === contentType);
}

/** Every card's text, one card a line. */
export function texts(sent: Sent[]): string {
  return sent.flatMap((activity) => cardsOf(activity).map(cardText)).join('\n');
}
