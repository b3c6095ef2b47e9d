import { describeMigrationRoundTrip } from '@vigil/backend-kit/testUtils';
import { oncallMigrations } from './database/DatabaseOnCallStore';

describeMigrationRoundTrip(oncallMigrations.directory);
