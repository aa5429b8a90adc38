/**
 * The one result type: what was read or decided, or the problem to tell the person, in one line.
 * `Result<{ date: IsoDate }>` is `{ ok: true; date }` or `{ ok: false; problem }`.
 */
export type Result<T extends object = object> = ({ ok: true } & T) | { ok: false; problem: string };
