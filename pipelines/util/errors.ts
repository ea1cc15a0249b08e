/**
 * A failure the user can cause and fix (bad arguments, a bad file): the command line
 * prints its message as one line and exits 1, never with a stack trace.
 */
export class UserError extends Error {
  override name = 'UserError';
}
