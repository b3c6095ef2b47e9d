import { describeMigrationRoundTrip } from '@vigil/backend-kit/testUtils';
import { sloMigrations } from './database/DatabaseSloStore';

describeMigrationRoundTrip(sloMigrations.directory);
