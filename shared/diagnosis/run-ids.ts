/**
 * The names of the ids a Result, the Test log and the app log show. The app's own id of a run is
 * one ("Run id"); Microsoft's ids are named as Microsoft's, so nobody quotes one to the wrong
 * support.
 */
export const RUN_ID_LABEL = 'Run id';
export const MICROSOFT_CORRELATION_ID_LABEL = "Microsoft's correlation ID";
export const MICROSOFT_REQUEST_ID_LABEL = "Microsoft's request ID";

/** Microsoft's ids in a failure's facts, as the Test log keeps them. */
export const microsoftIdsOf = (
  facts: { correlationId?: string; requestId?: string } | undefined,
) => ({
  correlationId: facts?.correlationId,
  requestId: facts?.requestId,
});
