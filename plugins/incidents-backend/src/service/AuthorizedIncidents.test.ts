import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { storedIncident } from '../__testUtils__/store';
import { AuthorizedIncidents } from './AuthorizedIncidents';

const SCORING = 'component:default/scoring-api';
const OTHER = 'component:default/other';

/** The authorizer over one stored incident, a readable-entities answer and a catalog. */
function setup(readable: string[] | undefined, catalogReads: boolean) {
  const stored = storedIncident('i1', { entityRefs: [SCORING] });
  const canReadAny = jest.fn(async () => catalogReads);
  const authorizeConditional = jest.fn(async () => [
    { result: AuthorizeResult.DENY },
  ]);
  let clock = 0;
  const authorizer = new AuthorizedIncidents({
    auth: mockServices.auth(),
    now: () => clock,
    permissions: mockServices.permissions.mock({
      authorizeConditional: authorizeConditional as any,
    }),
    userInfo: mockServices.userInfo.mock({
      getUserInfo: async () => ({
        userEntityRef: 'user:default/alice',
        ownershipEntityRefs: ['user:default/alice'],
      }),
    }),
    directory: { canReadAny } as any,
    visibility: { readableEntityRefs: async () => readable } as any,
    incidents: {
      getStored: async () => stored,
      page: async () => ({ stored, timeline: [], alerts: [] }),
      detailParts: async () => ({ timeline: [], alerts: [] }),
    } as any,
    postmortems: {} as any,
  });
  const advance = (ms: number) => {
    clock += ms;
  };
  return { authorizer, canReadAny, authorizeConditional, stored, advance };
}

describe('AuthorizedIncidents', () => {
  const credentials = mockCredentials.user('user:default/alice');

  it.each([
    ['every entity readable', undefined, false, true, false],
    ['its entity among the readable', [SCORING], false, true, false],
    [
      'its entity not among them, but the catalog says readable',
      [OTHER],
      true,
      true,
      true,
    ],
    [
      'its entity not among them, nor in the catalog',
      [OTHER],
      false,
      false,
      true,
    ],
    ['nothing readable', [], false, false, true],
  ])(
    'reads an incident when %s',
    async (_name, readable, catalogReads, visible, asksCatalog) => {
      const { authorizer, canReadAny } = setup(readable, catalogReads);
      const outcome = (read: Promise<unknown>) =>
        read.then(
          () => 'read',
          (error: Error) => error.name,
        );
      const expected = visible ? 'read' : 'NotFoundError';
      expect(
        await outcome(authorizer.readableIncidentDetails('i1', credentials)),
      ).toBe(expected);
      expect(canReadAny).toHaveBeenCalledTimes(asksCatalog ? 1 : 0);
      expect(
        await outcome(authorizer.readableIncident('i1', credentials)),
      ).toBe(expected);
    },
  );

  it('asks the policy once for the details and their permissions', async () => {
    const { authorizer, authorizeConditional, stored } = setup(undefined, true);
    const details = await authorizer.readableIncidentDetails('i1', credentials);
    expect(details).toEqual({
      incident: stored.incident,
      ownerRefs: stored.ownerRefs,
      timeline: [],
      alerts: [],
      permissions: { update: false, acknowledge: false, takeCommand: false },
    });
    expect(authorizeConditional).toHaveBeenCalledTimes(1);
  });

  it('reuses a reader’s update decision for 5 s, but asks afresh for every change', async () => {
    const { authorizer, authorizeConditional, advance } = setup(
      undefined,
      true,
    );
    await authorizer.readableIncidentDetails('i1', credentials);
    advance(4_999);
    await authorizer.readableIncidentDetails('i1', credentials);
    expect(authorizeConditional).toHaveBeenCalledTimes(1);

    await expect(authorizer.requireUpdate('i1', credentials)).rejects.toThrow(
      /Not allowed/,
    );
    expect(authorizeConditional).toHaveBeenCalledTimes(2);

    advance(1);
    await authorizer.readableIncidentDetails('i1', credentials);
    expect(authorizeConditional).toHaveBeenCalledTimes(3);
  });
});
