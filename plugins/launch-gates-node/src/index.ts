/**
 * The extension point of Vigil launch gates: other backend plugins (and
 * backend modules) add check providers that gather a review's evidence.
 *
 * @packageDocumentation
 */
export * from './CheckProvider';
export * from './extensionPoint';
