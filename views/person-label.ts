/** Organisations by the domain of their people's sign-in addresses ("tvp.police.uk" → "Thames Valley Police"). */
export type AgencyDomains = ReadonlyMap<string, string>;

/**
 * How a document names a person: "Dana Lee (Thames Valley Police)". The organisation comes from
 * AGENCY_DOMAINS, else it is the address's domain. Someone with no name the bot knows is shown by their
 * full address: the part before the @ is not a name, and without the domain the agency is lost.
 */
export function personLabel(email: string, name: string | undefined, agencies: AgencyDomains): string {
  const at = email.lastIndexOf('@');
  if (at < 0) return name?.trim() || email;
  const known = usableName(name, email.slice(0, at));
  if (known === undefined) return email;
  return `${known} (${agencyOf(email, agencies)})`;
}

/** The organisation of an address: AGENCY_DOMAINS' name for its domain (or a parent domain), else the domain. */
export function agencyOf(email: string, agencies: AgencyDomains): string {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  const labels = domain.split('.');
  for (let index = 0; index < labels.length - 1; index += 1) {
    const name = agencies.get(labels.slice(index).join('.'));
    if (name !== undefined) return name;
  }
  return domain;
}

/** A name, unless it is blank or only the address's local part (what a sample or a bare roster gives). */
function usableName(name: string | undefined, localPart: string): string | undefined {
  const trimmed = name?.trim();
  if (!trimmed) return undefined;
  if (trimmed.toLowerCase() === localPart.toLowerCase()) return undefined;
  if (trimmed.includes('@')) return undefined;
  return trimmed;
}

/**
 * How a card names the author of a change: the name and the sign-in address, so two people who share a
 * display name (or an owner named like the chair) cannot be taken for each other.
 */
export function authorLabel(name: string | undefined, email: string | undefined): string | undefined {
  const shownName = name?.trim();
  if (!email) return shownName || undefined;
  if (!shownName || shownName.toLowerCase() === email.toLowerCase()) return email;
  return `${shownName} (${email})`;
}
