/**
 * Someone talking to the bot, as Teams identifies them. A person is their Entra object id; their
 * sign-in name (UPN) is how BOARD_ADMINS and `assign … to` name them; the display name is for display.
 * The roster's mail attribute is never used: a user or an admin can set it to anyone's address.
 */
export interface Person {
  name: string;
  /**
   * The address people know them by, in login form (see loginKey): their UPN, or for a guest the
   * address they were invited with. Absent when Teams could not tell us who they are, or when this
   * sign-in name belongs to another Entra account (see `boundElsewhere`).
   */
  email?: string;
  /** Their UPN in login form; for members the same as `email`. */
  upn?: string;
  teamsUserId?: string;
  aadObjectId?: string;
  /** Their sign-in name was first seen with another Entra object id, so it grants them nothing. */
  boundElsewhere?: boolean;
}

/** The longest address accepted anywhere (RFC 5321's path limit). */
export const MAX_ADDRESS_LENGTH = 254;

/**
 * The form in which sign-in names are compared: trimmed and lower-cased in ASCII only. No Unicode case
 * folding or compatibility normalisation, so a KELVIN SIGN, a full-width @ or a homoglyph never
 * becomes the letter it resembles (JavaScript's toLowerCase turns U+212A into "k").
 */
export function loginKey(text: string): string {
  return text.trim().replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

const GUEST_MARKER = '#ext#@';

/**
 * Entra gives a guest a UPN made from the address they were invited with: jane@police.uk becomes
 * jane_police.uk#EXT#@board.onmicrosoft.com. Domains hold no "_", so the last one was the "@".
 */
export function guestHomeAddress(upn: string): string | undefined {
  const login = loginKey(upn);
  const marker = login.indexOf(GUEST_MARKER);
  if (marker <= 0) return undefined;
  const local = login.slice(0, marker);
  const at = local.lastIndexOf('_');
  if (at <= 0 || at === local.length - 1) return undefined;
  return `${local.slice(0, at)}@${local.slice(at + 1)}`;
}

/** The sign-in names a person answers to: their UPN and, for a guest, their home address. */
export function loginNames(person: Person): string[] {
  return [...new Set([person.email, person.upn].filter((name): name is string => name !== undefined))];
}

export function answersTo(person: Person, address: string | undefined): boolean {
  return address !== undefined && loginNames(person).includes(loginKey(address));
}

export function isBoardAdmin(person: Person, boardAdmins: readonly string[]): boolean {
  return boardAdmins.some((admin) => answersTo(person, admin));
}

/** Entra allows 256-character display names; cards and table rows get this much of one. */
export const MAX_NAME_LENGTH = 100;

/** A display name fit for a card or a table row: trimmed, at most MAX_NAME_LENGTH characters. */
export function displayName(name: string | undefined, fallback = 'Someone'): string {
  const trimmed = (name ?? '').slice(0, MAX_NAME_LENGTH * 2 + 64).trim();
  const characters = Array.from(trimmed);
  if (characters.length === 0) return fallback;
  if (characters.length <= MAX_NAME_LENGTH) return trimmed;
  return `${characters
    .slice(0, MAX_NAME_LENGTH - 1)
    .join('')
    .trimEnd()}…`;
}
