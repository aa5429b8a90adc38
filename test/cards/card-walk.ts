import type { AdaptiveCardJson } from '../../cards';

export type CardNode = { readonly [key: string]: unknown };

/** Every object in the card, depth first, with the chain of objects above it. */
export function* nodes(
  value: unknown,
  ancestors: CardNode[] = [],
): Generator<{ node: CardNode; ancestors: CardNode[] }> {
  if (Array.isArray(value)) {
    for (const item of value) yield* nodes(item, ancestors);
  } else if (typeof value === 'object' && value !== null) {
    const node = value as CardNode;
    yield { node, ancestors };
    for (const child of Object.values(node)) yield* nodes(child, [...ancestors, node]);
  }
}

export function ofType(card: AdaptiveCardJson, type: string): CardNode[] {
  return [...nodes(card)].map(({ node }) => node).filter((node) => node.type === type);
}

/** Buttons: body ActionSets and the card's actions (not the refresh action). */
export function buttons(card: AdaptiveCardJson): CardNode[] {
  return [...nodes(card)]
    .filter(({ node, ancestors }) => {
      const isAction = typeof node.type === 'string' && node.type.startsWith('Action.');
      return isAction && !ancestors.includes(card.refresh as CardNode);
    })
    .map(({ node }) => node);
}

export function buttonTitled(card: AdaptiveCardJson, title: string): CardNode {
  const found = buttons(card).find((button) => button.title === title);
  if (!found) throw new Error(`no button titled "${title}"`);
  return found;
}

/** All the text a reader sees: TextBlocks, whole RichTextBlocks, facts, input values and labels. */
export function visibleText(card: AdaptiveCardJson): string {
  return [...nodes(card)]
    .map(({ node }) => {
      if (node.type === 'TextBlock' || node.type === 'TextRun') return String(node.text);
      if (node.type === 'Input.Text' || node.type === 'Input.ChoiceSet')
        return `${node.label ?? ''} ${node.value ?? ''}`;
      if ('title' in node && 'value' in node && node.type === undefined) return `${node.title} ${node.value}`;
      if (typeof node.type === 'string' && node.type.startsWith('Action.')) return String(node.title);
      return '';
    })
    .join('\n');
}
