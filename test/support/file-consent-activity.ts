import { personalMessage, type TestUser } from '../../scripts/support/teams-activities';

/** A `fileConsent/invoke` as Teams sends it when the person presses Allow or Decline on a consent card. */
export function fileConsentInvoke(
  serviceUrl: string,
  user: TestUser,
  value: Record<string, unknown>,
): Record<string, unknown> {
  const activity = personalMessage(serviceUrl, user, '');
  delete activity.text;
  delete activity.textFormat;
  return { ...activity, type: 'invoke', name: 'fileConsent/invoke', value: { type: 'fileUpload', ...value } };
}
