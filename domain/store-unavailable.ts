/** The plan store cannot be reached (refused, reset, timed out, 5xx): the storage failure people are told about. */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The plan store cannot be reached', { cause });
    this.name = 'StoreUnavailableError';
  }
}
