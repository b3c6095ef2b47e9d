import { describeMigrationRoundTrip } from '@vigil/backend-kit/testUtils';
import { deploymentsMigrations } from './database/DatabaseDeploymentsStore';

describeMigrationRoundTrip(deploymentsMigrations.directory);
