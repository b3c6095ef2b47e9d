import { calendarTokenRequestSchema } from '@vigil/backstage-plugin-oncall-common';
import { z } from 'zod';
import { idSchema } from './queries';
import { parse, userOf, type RouteContext } from './util';

/** 32 random bytes, base64url. */
const tokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'must be a calendar token');

/** Calendar feed tokens (the caller's own), and the feeds themselves. */
export function registerCalendarRoutes(context: RouteContext): void {
  const { router, services, credentialsOf, audited } = context;
  const { calendars } = services;

  router.post('/calendar-tokens', async (req, res) => {
    const credentials = await credentialsOf(req);
    const userRef = userOf(credentials, 'create a calendar feed');
    const request = parse(
      calendarTokenRequestSchema,
      req.body,
      'calendar token request',
    );
    const token = await audited(
      req,
      'calendar-token-create',
      { kind: request.kind },
      () => calendars.createToken(request, userRef),
      t => ({ tokenId: t.id, subject: t.subject }),
    );
    res.status(201).json(token);
  });

  router.get('/calendar-tokens', async (req, res) => {
    const credentials = await credentialsOf(req);
    const userRef = userOf(credentials, 'list calendar feeds');
    res.json(await calendars.listTokens(userRef));
  });

  router.delete('/calendar-tokens/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    const userRef = userOf(credentials, 'revoke a calendar feed');
    const id = parse(idSchema, req.params.id, 'calendar token id');
    await audited(req, 'calendar-token-revoke', { tokenId: id }, () =>
      calendars.revoke(id, userRef),
    );
    res.status(204).end();
  });

  // Unauthenticated (plugin.ts adds the auth policy): the token is the credential.
  router.get('/calendars/:token.ics', async (req, res) => {
    const token = parse(tokenSchema, req.params.token, 'calendar token');
    const text = await calendars.render(token);
    (res as any)
      .type('text/calendar; charset=utf-8')
      .set('cache-control', 'private, max-age=300')
      .send(text);
  });
}
