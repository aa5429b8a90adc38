const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const ANY_PLACEHOLDER = /\$\{\{.*?\}\}/g;

/** Replaces each `${{NAME}}` that has a value, escaped so the result is still valid JSON. */
export function fillPlaceholders(template: string, values: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (placeholder, name: string) =>
    Object.hasOwn(values, name) ? JSON.stringify(values[name]).slice(1, -1) : placeholder,
  );
}

/** Every `${{...}}` still in the text, however it is spelled, once each. */
export function findPlaceholders(text: string): string[] {
  return [...new Set(text.match(ANY_PLACEHOLDER) ?? [])];
}
