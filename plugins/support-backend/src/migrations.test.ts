import { describeMigrationRoundTrip } from '@vigil/backend-kit/testUtils';
import { supportMigrations } from './database/DatabaseSupportStore';

describeMigrationRoundTrip(supportMigrations.directory);
