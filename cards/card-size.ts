import type { AdaptiveCardJson } from './render-card';

/** Teams refuses messages over 28 KB; the activity around the card needs some of that. */
export const CARD_BYTE_BUDGET = 26_000;

export function cardBytes(card: AdaptiveCardJson): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

export function fitsBudget(card: AdaptiveCardJson): boolean {
  return cardBytes(card) <= CARD_BYTE_BUDGET;
}

/** The first rendering that fits, or the last one if none does (the last should be the smallest). */
export function firstThatFits(renderings: readonly (() => AdaptiveCardJson)[]): AdaptiveCardJson {
  let card: AdaptiveCardJson | undefined;
  for (const render of renderings) {
    card = render();
    if (fitsBudget(card)) return card;
  }
  if (card === undefined) throw new Error('firstThatFits needs at least one rendering');
  return card;
}

/** Shows as many of the items, in order, as fit; `hidden` counts the ones left off. */
export function showWhatFits<T>(
  items: readonly T[],
  render: (shown: readonly T[], hidden: number) => AdaptiveCardJson,
): AdaptiveCardJson {
  const all = render(items, 0);
  if (fitsBudget(all)) return all;
  let low = 0;
  let high = items.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fitsBudget(render(items.slice(0, middle), items.length - middle))) low = middle;
    else high = middle - 1;
  }
  return render(items.slice(0, low), items.length - low);
}
