/**
 * Vigil's feedback and support plugin; its extensions are in `./alpha`.
 *
 * @packageDocumentation
 */
export { supportApiRef } from './api/supportApiRef';
export { FeedbackButton } from './components/FeedbackButton';
