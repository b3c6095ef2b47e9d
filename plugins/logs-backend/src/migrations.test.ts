import { describeMigrationRoundTrip } from '@vigil/backend-kit/testUtils';
import { logsMigrations } from './database/PostgresLogStore';

// On SQLite the migration does nothing (the plugin answers 503 there).
describeMigrationRoundTrip(logsMigrations.directory);
