/** Teams and browsers cope with longer, but a link to a report that long is a pasted mistake. */
export const MAX_EVIDENCE_LINK_LENGTH = 2000;
import type { Result } from '../result';

export type EvidenceLinkReading = Result<{ url: string }>;

const HTTPS_EXAMPLE = 'https://example.org/report';
// Any whitespace (including non-breaking and other Unicode spaces) or control character.
const SPACE_OR_CONTROL = /[\s\p{Cc}\p{Cf}]/u;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * An evidence link as the owner typed or pasted it: only a well-formed https:// address with a host, and no
 * user name or password in it, because it becomes a button every board member may press. The url returned is
 * the normalised form (an international host in its xn-- form, so look-alike letters cannot hide).
 */
export function readEvidenceLink(typed: string): EvidenceLinkReading {
  if (typed.length > MAX_EVIDENCE_LINK_LENGTH) return tooLong(typed.length);
  const text = typed.trim();
  if (text === '') return refuse(`There is no link here. Please paste an address like ${HTTPS_EXAMPLE}.`);
  if (SPACE_OR_CONTROL.test(text)) {
    return refuse(
      'A link cannot contain spaces or invisible characters. Please copy the address again from the browser.',
    );
  }
  const scheme = SCHEME.exec(text)?.[1].toLowerCase();
  if (scheme === undefined) {
    return refuse(`Please give the whole address, starting https://, as in ${HTTPS_EXAMPLE}.`);
  }
  if (scheme === 'http') {
    return refuse(
      'Only secure links can be recorded: please use the https:// address (most sites have one).',
    );
  }
  if (scheme !== 'https') {
    return refuse(`Only https:// links can be recorded as evidence, not "${scheme.slice(0, 20)}:" links.`);
  }
  // Exactly two slashes, then the host: "https:///example.org" is not an address, whatever URL makes of it.
  if (!/^https:\/\/[^/\\]/i.test(text))
    return refuse(`That address is not complete: it should start https:// and a site name.`);
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return refuse(`That does not read as a web address. Please copy it again from the browser.`);
  }
  if (url.username !== '' || url.password !== '') {
    return refuse(
      'That link has a user name or password in it. Please share a link without them; people sign in themselves.',
    );
  }
  if (!url.hostname.includes('.') && !url.hostname.startsWith('[')) {
    return refuse(
      `That address has no site name like example.org in it. Please copy it again from the browser.`,
    );
  }
  if (url.href.length > MAX_EVIDENCE_LINK_LENGTH) return tooLong(url.href.length);
  return { ok: true, url: url.href };
}

function tooLong(length: number): EvidenceLinkReading {
  return refuse(
    `A link can be at most ${MAX_EVIDENCE_LINK_LENGTH.toLocaleString('en-GB')} characters; this one has ${length.toLocaleString('en-GB')}. Please link to the page or folder instead.`,
  );
}

function refuse(problem: string): EvidenceLinkReading {
  return { ok: false, problem };
}
