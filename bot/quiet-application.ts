import type { TurnContext } from 'botbuilder';
import { Application, type TurnState } from '@microsoft/teams-ai';

/**
 * teams-ai 1.7's run() starts its typing timer whatever `startTypingTimer` says, and keeps it in one
 * field shared by every concurrent turn; a turn waiting on a slow roster then sends a typing activity
 * every second, and can outlive its turn. The bot answers in well under a second, so it never types.
 */
export class QuietApplication<TState extends TurnState = TurnState> extends Application<TState> {
  override startTypingTimer(context: TurnContext): void {
    void context;
  }
}
