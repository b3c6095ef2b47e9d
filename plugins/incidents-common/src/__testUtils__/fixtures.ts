import { Incident, IncidentStatus } from '../model';

export const T0 = '2024-05-01T12:00:00.000Z';
export const at = (minutes: number) =>
  new Date(Date.parse(T0) + minutes * 60_000).toISOString();

export function makeIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 'inc-1',
    title: 'Checkout errors',
    severity: 'SEV2',
    status: 'investigating' as IncidentStatus,
    entityRefs: ['component:default/checkout'],
    roles: {},
    roleHistory: [],
    timestamps: { declaredAt: T0 },
    createdBy: 'user:default/alice',
    updatedAt: T0,
    version: 1,
    ...overrides,
  };
}
