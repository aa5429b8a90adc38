import * as AC from 'adaptivecards/dist/adaptivecards.js';
import type { AdaptiveCardJson } from '../../cards';

/**
 * Microsoft's SDK does not know Teams' Chart.* elements. It renders an element it does not know as that
 * element's `fallback`, so a chart is only safe to send with a fallback the SDK itself accepts.
 */

export function isChart(node: unknown): node is { type: string; fallback?: unknown } {
  return (
    typeof node === 'object' &&
    node !== null &&
    typeof (node as { type?: unknown }).type === 'string' &&
    (node as { type: string }).type.startsWith('Chart.')
  );
}

/** The card as a client without charts renders it: every chart replaced by its fallback. */
export function withChartsFallenBack(card: AdaptiveCardJson): AdaptiveCardJson {
  return replaceCharts(card) as AdaptiveCardJson;
}

function replaceCharts(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(replaceCharts);
  if (isChart(value)) {
    if (typeof value.fallback !== 'object' || value.fallback === null) {
      throw new Error(`${value.type} has no fallback element`);
    }
    return replaceCharts(value.fallback);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceCharts(item)]));
  }
  return value;
}

/** What the SDK reports while parsing the card at 1.5, and the card it understood. */
export function parseWithSdk(card: AdaptiveCardJson): { events: string[]; understood: unknown } {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(card, context);
  const events: string[] = [];
  for (let index = 0; index < context.eventCount; index++) {
    const event = context.getEventAt(index);
    events.push(`${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  return { events, understood: parsed.toJSON(new AC.SerializationContext(AC.Versions.v1_5)) };
}
