import { describeMigrationRoundTrip } from '@vigil/backend-kit/testUtils';
import { launchGatesMigrations } from './database/DatabaseLaunchGatesStore';

describeMigrationRoundTrip(launchGatesMigrations.directory);
