/** DOM ids of a row's control and its inline error; the errors panel focuses by these. */
export const fieldId = (key: string) => `field-${key}`;
export const errorId = (key: string) => `error-${key}`;
