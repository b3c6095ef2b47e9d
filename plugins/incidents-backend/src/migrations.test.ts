import { describeMigrationRoundTrip } from '@vigil/backend-kit/testUtils';
import { incidentsMigrations } from './database/DatabaseIncidentStore';

describeMigrationRoundTrip(incidentsMigrations.directory);
