/** PagerDuty's error body (`{"error":{"message","code","errors"}}`) and the codes the simulator uses. */
export class PdError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors: string[] = [],
  ) {
    super(message);
  }

  get body() {
    return { error: { message: this.message, code: this.code, ...(this.errors.length ? { errors: this.errors } : {}) } };
  }
}

export const invalidInput = (...errors: string[]) => new PdError(400, 2001, 'Invalid Input Provided', errors);
export const notFound = () => new PdError(404, 2100, 'Not Found');
export const unauthorized = () => new PdError(401, 2006, 'Authentication failed');
export const accessDenied = (reason: string) => new PdError(403, 2010, 'Access Denied', [reason]);
export const fromHeaderMissing = () =>
  new PdError(400, 2016, 'You must specify a user\'s email address in the "From" header to perform this action');
