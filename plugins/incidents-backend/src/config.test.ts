import { mockServices } from '@backstage/backend-test-utils';
import { readIncidentsConfig } from './config';

const read = (alertmanager: object) =>
  readIncidentsConfig(
    mockServices.rootConfig({
      data: { vigil: { incidents: { alertmanager } } },
    }),
  ).alertmanager;

describe('vigil.incidents.alertmanager.correlationLabels', () => {
  it.each([
    [{}, [['sloth_id'], ['sloth_service', 'sloth_slo']]],
    [{ correlationLabels: [] }, []],
    [
      { correlationLabels: ['incident_key', ['team', 'check']] },
      [['incident_key'], ['team', 'check']],
    ],
  ])('%j → %j', (alertmanager, expected) => {
    expect(read(alertmanager).correlationLabels).toEqual(expected);
  });

  it.each([
    [{ correlationLabels: 'sloth_id' }, /correlationLabels: must be a list/],
    [
      { correlationLabels: [[]] },
      /correlationLabels\[0\]: must be a label name/,
    ],
    [{ correlationLabels: ['bad-label'] }, /correlationLabels\[0\]/],
    [{ correlationLabels: [['ok', 3]] }, /correlationLabels\[0\]/],
  ])('refuses %j at startup', (alertmanager, message) => {
    expect(() => read(alertmanager)).toThrow(message);
  });
});
