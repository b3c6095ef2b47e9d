import { isSandboxEntity, isSandboxEntityRef, isSandboxOnly } from './entities';

describe('isSandboxEntityRef', () => {
  it.each([
    ['component:sandbox/checkout', true],
    ['Component:Sandbox/Checkout', true],
    ['system:sandbox/sandbox', true],
    ['sandbox/checkout', true],
    ['component:default/checkout', false],
    ['component:default/sandbox', false],
    ['sandbox:default/checkout', false],
    ['checkout', false],
    ['component:sandboxes/checkout', false],
    ['component:my-sandbox/checkout', false],
    ['', false],
    [':/', false],
    [undefined, false],
    [null, false],
  ])('%s is %s', (ref, expected) => {
    expect(isSandboxEntityRef(ref)).toBe(expected);
  });
});

describe('isSandboxEntity', () => {
  it.each([
    [{ metadata: { name: 'checkout', namespace: 'sandbox' } }, true],
    [{ metadata: { name: 'checkout', namespace: 'SANDBOX' } }, true],
    [{ metadata: { name: 'checkout', namespace: 'default' } }, false],
    [{ metadata: { name: 'sandbox' } }, false],
    [undefined, false],
  ])('%j is %s', (entity, expected) => {
    expect(isSandboxEntity(entity)).toBe(expected);
  });
});

describe('isSandboxOnly', () => {
  it.each([
    [['component:sandbox/checkout'], true],
    [['component:sandbox/checkout', 'component:sandbox/search'], true],
    [['component:sandbox/checkout', 'component:default/scoring-api'], false],
    [['component:default/scoring-api'], false],
    [[], false],
  ])('%j is %s', (refs, expected) => {
    expect(isSandboxOnly(refs)).toBe(expected);
  });
});
