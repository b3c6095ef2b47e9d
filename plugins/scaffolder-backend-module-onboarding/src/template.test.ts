import fs from 'node:fs';
import path from 'node:path';
import {
  addServiceInputSchema,
  SERVICE_INPUT_BOUNDS,
} from '@vigil/backstage-plugin-onboarding-common';
import { parse } from 'yaml';
import { CREATE_STARTER_SCHEDULE_ACTION_ID } from './actions/createStarterSchedule';
import { PUBLISH_TECHDOCS_ACTION_ID } from './actions/publishTechDocs';
import { WRITE_SERVICE_ACTION_ID } from './actions/writeService';

// The template the catalog serves (templates/add-service/template.yaml)
// agrees with the actions and the input schema it feeds.
const template = parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../../templates/add-service/template.yaml'),
    'utf8',
  ),
);
const properties: Record<string, any> = Object.assign(
  {},
  ...template.spec.parameters.map((page: any) => page.properties),
);

describe('templates/add-service/template.yaml', () => {
  it('is template:default/add-service', () => {
    expect(template).toMatchObject({
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: { name: 'add-service', namespace: 'default' },
    });
  });

  it('asks for every input of the schema', () => {
    expect(Object.keys(properties).sort()).toEqual(
      Object.keys(addServiceInputSchema.shape).sort(),
    );
  });

  it.each(Object.entries(SERVICE_INPUT_BOUNDS))(
    'bounds %s as the schema does',
    (field, { min, max }) => {
      expect([properties[field].minimum, properties[field].maximum]).toEqual([
        min,
        max,
      ]);
      // The form's default is a value the schema accepts.
      expect(
        addServiceInputSchema.shape[
          field as keyof typeof SERVICE_INPUT_BOUNDS
        ].safeParse(properties[field].default).success,
      ).toBe(true);
    },
  );

  it('limits the owner to groups and the system to systems', () => {
    expect(properties.owner['ui:field']).toBe('OwnerPicker');
    expect(properties.owner['ui:options'].catalogFilter).toEqual({
      kind: 'Group',
    });
    expect(properties.system['ui:options'].catalogFilter).toEqual({
      kind: 'System',
    });
    expect(properties.name['ui:field']).toBe('EntityNamePicker');
  });

  it('runs the write, docs and on-call actions in that order', () => {
    expect(template.spec.steps.map((s: any) => s.action)).toEqual([
      WRITE_SERVICE_ACTION_ID,
      PUBLISH_TECHDOCS_ACTION_ID,
      CREATE_STARTER_SCHEDULE_ACTION_ID,
    ]);
  });
});
