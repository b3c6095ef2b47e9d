/**
 * Isomorphic logic of Vigil onboarding.
 *
 * @packageDocumentation
 */
// "Add your service": the template's input, the files it writes, path safety.
export * from './service';
// Guided tours per role and their progress (the help menu, first sign-in).
export * from './tours';
