import { strict as assert } from 'node:assert';
import * as AC from 'adaptivecards/dist/adaptivecards.js';
import type { AdaptiveCardJson } from '../../cards';

/** Teams' limit for a message; the cards aim lower (CARD_BYTE_BUDGET) to leave room for the activity. */
export const TEAMS_CARD_BYTE_LIMIT = 28 * 1000;

/** Properties Teams reads that Microsoft's SDK does not know, by path from the card's root. */
const HOST_PROPERTIES = new Set(['.msteams']);

/** Properties the SDK leaves out of its JSON because they hold the default value: "type.property=value". */
const OMITTED_DEFAULTS = new Set(['Input.ChoiceSet.style="compact"']);

/**
 * Everything wrong with a card, as Microsoft's own parser sees it at version 1.5: parse and validation
 * events, properties it silently ignores (a misspelling, or one from a later version), version and size.
 */
export function cardProblems(card: AdaptiveCardJson): string[] {
  const problems: string[] = [];
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(card, context);
  for (let index = 0; index < context.eventCount; index++) {
    const event = context.getEventAt(index);
    problems.push(`parse: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  for (const event of parsed.validateProperties().validationEvents) {
    problems.push(`validate: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  const roundTrip: unknown = parsed.toJSON(new AC.SerializationContext(AC.Versions.v1_5));
  problems.push(...lostInRoundTrip(card, roundTrip, ''));

  const version = AC.Version.parse(card.version, new AC.SerializationContext());
  if (version === undefined || !version.isValid || version.compareTo(AC.Versions.v1_5) > 0) {
    problems.push(`version "${card.version}" is not 1.5 or earlier`);
  }
  if (card.$schema !== 'http://adaptivecards.io/schemas/adaptive-card.json') problems.push('no $schema');
  if ((card.msteams as { width?: unknown } | undefined)?.width !== 'Full') problems.push('not full width');
  const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (bytes >= TEAMS_CARD_BYTE_LIMIT) problems.push(`${bytes} bytes: over Teams' 28 KB`);
  return problems;
}

export function assertValidCard(card: AdaptiveCardJson): void {
  assert.deepEqual(cardProblems(card), []);
}

/** "${name}" left in a card means a template bound a field the data did not have. */
export function assertNoUnboundFields(card: AdaptiveCardJson): void {
  const unbound = JSON.stringify(card).match(/\$\{[^}]*\}/g) ?? [];
  assert.deepEqual(unbound, [], 'the card has template expressions left in it');
}

function lostInRoundTrip(original: unknown, roundTrip: unknown, path: string): string[] {
  if (typeof original !== 'object' || original === null) {
    return original === roundTrip
      ? []
      : [`${path || 'card'}: ${JSON.stringify(original)} became ${JSON.stringify(roundTrip)}`];
  }
  if (typeof roundTrip !== 'object' || roundTrip === null) return [`${path}: ignored by the SDK`];
  return Object.entries(original).flatMap(([key, value]) => {
    const childPath = `${path}.${key}`;
    if (HOST_PROPERTIES.has(childPath)) return [];
    if (
      OMITTED_DEFAULTS.has(`${String((original as { type?: unknown }).type)}.${key}=${JSON.stringify(value)}`)
    ) {
      return [];
    }
    return key in roundTrip
      ? lostInRoundTrip(value, (roundTrip as Record<string, unknown>)[key], childPath)
      : [`${childPath}: ignored by the SDK`];
  });
}
