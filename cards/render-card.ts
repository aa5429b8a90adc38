import * as ACData from 'adaptivecards-templating';

/** An Adaptive Card as sent to Teams: plain JSON. */
export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  version: string;
  [key: string]: unknown;
}

/**
 * What a template may be bound to. There is no `undefined`: the engine writes "${name}" into the card for an
 * undefined field, so an absent value is `null` and the template tests it with `$when: "${exists(name)}"`.
 * Never interpolate a possibly-null field inside a longer string ("by ${who}"): the engine throws on it.
 */
export type TemplateValue =
  string | number | boolean | null | readonly TemplateValue[] | { readonly [key: string]: TemplateValue };

export type TemplateData = { readonly [key: string]: TemplateValue };

/**
 * Parses a card template once, when first drawn: a start draws one card before its first answer, and
 * parsing all of them at load took more of a cold start than the Teams SDK itself.
 */
export function compileCardTemplate<TData extends TemplateData>(
  templateJson: object,
): (data: TData) => AdaptiveCardJson {
  let template: ACData.Template | undefined;
  return (data) => {
    template ??= new ACData.Template(templateJson);
    return toCard(withoutNulls(template.expand({ $root: data })));
  };
}

/**
 * `$when` on an object-valued property, or a binding to a null field, leaves the property as null; Adaptive
 * Cards reject null properties, so they are dropped.
 */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.filter((item) => item !== null).map(withoutNulls);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== null)
        .map(([key, item]) => [key, withoutNulls(item)]),
    );
  }
  return value;
}

function toCard(value: unknown): AdaptiveCardJson {
  if (
    typeof value !== 'object' ||
    value === null ||
    (value as { type?: unknown }).type !== 'AdaptiveCard' ||
    typeof (value as { version?: unknown }).version !== 'string'
  ) {
    throw new Error('A card template must expand to an AdaptiveCard with a version');
  }
  return value as AdaptiveCardJson;
}
