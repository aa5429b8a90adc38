/** Reads cards out of the activities the bot sent: what people see, for tests and the bench to check. */

export type Card = Record<string, unknown>;

export function cardsOf(activity: Record<string, unknown> | undefined): Card[] {
  const attachments = (activity?.attachments ?? []) as { contentType?: string; content?: Card }[];
  return attachments
    .filter((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((attachment) => attachment.content as Card);
}

export function onlyCard(activity: Record<string, unknown> | undefined): Card {
  const cards = cardsOf(activity);
  if (cards.length !== 1)
    throw new Error(`expected one card, got ${cards.length}: ${JSON.stringify(activity)}`);
  return cards[0];
}

/** Every piece of visible text in a card, in document order. */
export function textsOf(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(textsOf);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const own = ['text', 'title', 'value', 'placeholder', 'label']
    .map((key) => record[key])
    .filter((value): value is string => typeof value === 'string');
  return [
    ...own,
    ...Object.entries(record)
      .filter(([key]) => !['text', 'title', 'value', 'placeholder', 'label'].includes(key))
      .flatMap(([, value]) => textsOf(value)),
  ];
}

export function cardText(card: Card): string {
  return textsOf(card).join('\n');
}

/** Every Action.Submit / Action.Execute in a card with its data. */
export function actionsOf(
  node: unknown,
): { type: string; title?: string; verb?: string; data?: Record<string, unknown> }[] {
  if (Array.isArray(node)) return node.flatMap(actionsOf);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const self =
    record.type === 'Action.Submit' || record.type === 'Action.Execute'
      ? [
          {
            type: record.type,
            title: record.title as string | undefined,
            verb: record.verb as string | undefined,
            data: record.data as Record<string, unknown> | undefined,
          },
        ]
      : [];
  return [...self, ...Object.values(record).flatMap(actionsOf)];
}

export function inputsOf(node: unknown): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap(inputsOf);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const self = typeof record.type === 'string' && record.type.startsWith('Input.') ? [record] : [];
  return [...self, ...Object.values(record).flatMap(inputsOf)];
}
