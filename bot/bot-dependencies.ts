import type { Plan } from '../plan/plan-schema';
import type { StatusService } from '../domain/status-service';
import type { ChangeRedaction } from '../domain/change-redaction';
import type { Logger } from './logger';
import type { DigestRunner } from './digest-runner';
import type { ProactiveSender } from './proactive-sender';
import type { BoardChannelStore, PostedDigests } from '../domain/digest-ports';
import type { PeopleDirectory } from './people-directory';
import type { PeopleRegister } from './people-register';
import type { PeopleStore } from '../domain/known-people';
import type { KnownTeamStore } from '../domain/known-teams';

/** Everything a route needs, built once by the composition root. */
export interface BotDependencies {
  plan: Plan;
  statusService: StatusService;
  redaction: ChangeRedaction;
  people: PeopleDirectory;
  peopleRegister: PeopleRegister;
  peopleStore: PeopleStore;
  logger: Logger;
  clock: () => Date;
  digest: DigestRunner;
  boardChannels: BoardChannelStore;
  /** Every digest posted, with its Teams ids, for updating a posted card in place. */
  postedDigests: PostedDigests;
  /** Teams the app is installed in; never the board channel by themselves. */
  teams: KnownTeamStore;
  sender: ProactiveSender;
  timeZone: string;
}
