/**
 * Vigil's launch gates backend plugin: Go/No-Go readiness reviews, their
 * automated and manual checks, waivers and product-owner sign-offs.
 *
 * @packageDocumentation
 */
export { launchGatesPlugin as default } from './plugin';
