import type { Screen } from '../views/answer';
import { buildActionCard } from './action-card';
import { buildAgencyCard } from './agency-card';
import { buildAimCard } from './aim-card';
import { buildDigestCard } from './digest-card';
import { buildEscalationsCard } from './escalations-card';
import { buildExceptionsCard } from './exceptions-card';
import { buildHelpCard } from './help-card';
import { buildHistoryCard } from './history-card';
import { buildMyActionsCard } from './my-actions-card';
import { buildNoticeCard } from './notice-card';
import { buildPersonalDataCheckCard } from './personal-data-check-card';
import { buildPlanCard } from './plan-card';
import { buildPriorityCard } from './priority-card';
import type { AdaptiveCardJson } from './render-card';

/** The card for a screen: each kind of view-model has exactly one builder. */
export function buildCard(screen: Screen): AdaptiveCardJson {
  switch (screen.card) {
    case 'notice':
      return buildNoticeCard(screen.view);
    case 'help':
      return buildHelpCard(screen.view);
    case 'plan':
      return buildPlanCard(screen.view);
    case 'aim':
      return buildAimCard(screen.view);
    case 'priority':
      return buildPriorityCard(screen.view);
    case 'action':
      return buildActionCard(screen.view);
    case 'myActions':
      return buildMyActionsCard(screen.view);
    case 'history':
      return buildHistoryCard(screen.view);
    case 'personalDataCheck':
      return buildPersonalDataCheckCard(screen.view);
    case 'digest':
      return buildDigestCard(screen.view);
    case 'exceptions':
      return buildExceptionsCard(screen.view);
    case 'agency':
      return buildAgencyCard(screen.view);
    case 'escalations':
      return buildEscalationsCard(screen.view);
  }
}
