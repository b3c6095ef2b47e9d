import type { NextFunction, Request, Response } from 'express';
import type { ZodError } from 'zod';

/** An error answered with its status and message as `{ error }`. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export function describeZodError(error: ZodError): string {
  return error.issues
    .map(i => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Last handler: HttpErrors and body-parser's client errors as they are, the rest a bare 500. */
export function errorHandler(onUnexpected: (error: unknown) => void) {
  return (
    error: unknown,
    _req: Request,
    res: Response,
    _next: NextFunction,
  ) => {
    if (error instanceof HttpError) {
      res.status(error.status).json({ error: error.message });
      return;
    }
    const status = (error as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ error: (error as Error).message });
      return;
    }
    onUnexpected(error);
    res.status(500).json({ error: 'internal error' });
  };
}
