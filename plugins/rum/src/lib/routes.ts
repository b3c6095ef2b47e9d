import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The Errors page, `/rum/errors`. */
export const errorsRouteRef = createRouteRef();

/** The entity tab of the portal usage. */
export const USAGE_TAB_PATH = 'usage';
