/** Only an absolute https URL becomes a link in a report; anything else is shown as the text it is. */
export function isLinkableUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.hostname !== '';
}
