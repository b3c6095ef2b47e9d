import { isSloSignalMessage, signalConcernsEntity } from './sloSignal';

const message = (entityRefs: string[]) => ({
  type: 'evaluated' as const,
  entityRefs,
  evaluatedAt: '2025-03-10T10:00:00Z',
});

describe('isSloSignalMessage', () => {
  it.each([
    [message(['component:default/a']), true],
    [message([]), true],
    [{ type: 'evaluated' }, false],
    [{ type: 'evaluated', entityRefs: [1] }, false],
    [{ type: 'other', entityRefs: [] }, false],
    [null, false],
    ['evaluated', false],
  ])('%j -> %p', (value, expected) => {
    expect(isSloSignalMessage(value)).toBe(expected);
  });
});

describe('signalConcernsEntity', () => {
  it.each([
    [['component:default/scoring-api'], 'component:default/scoring-api', true],
    [['Component:Default/scoring-api'], 'component:default/scoring-api', true],
    [['component:default/Scoring-API'], 'component:default/scoring-api', true],
    [['component:default/checkout'], 'component:default/scoring-api', false],
    [['component:shop/scoring-api'], 'component:default/scoring-api', false],
    [['not a ref:'], 'component:default/scoring-api', false],
    [[], 'component:default/scoring-api', false],
  ])('%j concerns %s: %p', (entityRefs, entityRef, expected) => {
    expect(signalConcernsEntity(message(entityRefs), entityRef)).toBe(expected);
  });
});
