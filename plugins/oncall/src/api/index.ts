export { onCallApiRef } from './OnCallApi';
export type { OnCallApi } from './OnCallApi';
export { OnCallClient } from './OnCallClient';
export * from './types';
