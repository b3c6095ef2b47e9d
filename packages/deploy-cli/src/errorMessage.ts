/** An error's message for a log line or a record, whatever was thrown. */
export const errorMessage = (error: unknown) =>
  error instanceof Error ? error.message : String(error);
