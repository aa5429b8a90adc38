import type { ViewContext } from '../views/view-context';

/** The time now and the board's time zone, for every view a use case draws. */
export type ViewClock = () => ViewContext;
