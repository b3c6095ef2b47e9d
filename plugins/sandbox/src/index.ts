/**
 * The sandbox plugin: the `/sandbox` page and the sandbox entities' banner
 * (extensions in `./alpha`).
 *
 * @packageDocumentation
 */
export { sandboxApiRef, type SandboxApi } from './api/SandboxApi';
