import type { InboundActivity as Activity } from './teams-turn';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Why an activity is not from the board's tenant, or undefined when it is. Teams names the tenant twice:
 * `channelData.tenant.id` (on every Teams activity) and `conversation.tenantId`. Every one present must be
 * the board's tenant, and at least one must be present: an activity that does not say its tenant cannot
 * be shown to be the board's, and Teams always says it. Partner-agency guests in the board's tenant arrive
 * with the board's tenant id, so they pass.
 */
export function tenantProblem(activity: Partial<Activity>, boardTenantId: string): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const named: [string, unknown][] = [
    ['channelData.tenant.id', channelData?.tenant?.id],
    ['conversation.tenantId', activity.conversation?.tenantId],
  ];
  const present = named.filter(([, value]) => value !== undefined && value !== null);
  if (present.length === 0) return 'The activity does not say which tenant it comes from.';
  for (const [field, value] of present) {
    // GUIDs compare case-insensitively; anything that is not a GUID is not a tenant id.
    if (typeof value !== 'string' || !GUID.test(value) || value.toLowerCase() !== boardTenantId.toLowerCase())
      return `The activity's ${field} is not this bot's tenant.`;
  }
  return undefined;
}
