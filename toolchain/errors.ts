// Errors caused by the user's input (a bad file, flag or program). The CLI prints their
// message as it is — one clear line (or a block of diagnostics), never a stack trace.
// Anything else that reaches the CLI is a bug in wasmfish and is reported as one.
export class UserError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'UserError';
  }
}
