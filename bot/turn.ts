import type { Place } from '../app/action-cards';
import type { ChannelAddress } from '../app/board-channel';
import type { Person } from '../domain/person';
import { channelAddressOf, deliveryOf, placeOf } from './conversation';
import type { PeopleDirectory } from './people-directory';
import { activityOf, type TurnContext } from './teams-turn';

/** One turn as the use cases need it: who is asking, where, and which delivery this is. No Teams types. */
export interface Turn {
  /** Who is asking; throws IdentityUnavailableError when Teams cannot say right now. */
  who(): Promise<Person>;
  /** Who is asking, or an anonymous person when Teams cannot say (for things anyone may see). */
  whoIfPossible(): Promise<Person>;
  place: Place;
  delivery?: string;
  /** The team channel this turn is in; undefined in a personal or group chat. */
  channel?: ChannelAddress;
}

export function turnOf(context: TurnContext, people: PeopleDirectory): Turn {
  return {
    who: () => people.identify(context),
    whoIfPossible: () => people.identifyIfPossible(context),
    place: placeOf(activityOf(context)),
    delivery: deliveryOf(activityOf(context)),
    channel: channelAddressOf(activityOf(context)),
  };
}
