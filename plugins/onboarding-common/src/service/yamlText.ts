/**
 * A string as a YAML double-quoted scalar. JSON's escaping is a subset of
 * YAML's, so any title or description (quotes, colons, `#`, newlines) stays
 * one scalar and cannot add keys to the file.
 */
export const yamlString = (value: string): string => JSON.stringify(value);

/** A number as YAML writes it (no exponent for the objectives used here). */
export const yamlNumber = (value: number): string => String(value);

/** The part of an entity ref after the kind and namespace: `payments`. */
export const refName = (ref: string): string => ref.slice(ref.indexOf('/') + 1);

/** A name in PascalCase for alert names: `checkout-api` gives `CheckoutApi`. */
export const pascalCase = (name: string): string =>
  name
    .split('-')
    .map(part => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
