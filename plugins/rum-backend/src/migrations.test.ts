import { describeMigrationRoundTrip } from '@vigil/backend-kit/testUtils';
import { rumMigrations } from './database/DatabaseRumStore';

describeMigrationRoundTrip(rumMigrations.directory);
