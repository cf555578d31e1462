import type { FailureFacts } from '../../../shared/diagnosis/failure';

/**
 * A step that failed for a reason the diagnosis table can explain: what the server, the client
 * library or the network said, never a secret. Every sender, mailbox reader and the token broker
 * throw this (or a subclass); anything else reaching the run engine is a bug in the app.
 */
export class RunFailure extends Error {
  constructor(readonly facts: FailureFacts) {
    super(facts.message);
    this.name = 'RunFailure';
  }
}

/** A failed step that still has something to report beside its diagnosis (an OAuth attempt). */
export class AnnotatedFailure extends RunFailure {
  constructor(
    facts: FailureFacts,
    readonly notes: string[],
  ) {
    super(facts);
    this.name = 'AnnotatedFailure';
  }
}
