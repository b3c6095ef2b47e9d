// The logs backend's own store code (TypeScript, transpiled on the fly), so
// the benchmark times the queries the API runs, not copies of them.
require('@backstage/cli/config/nodeTransform.cjs');
const {
  PostgresLogStore,
} = require('../../plugins/logs-backend/src/database/PostgresLogStore');
const { levelRank } = require('../../plugins/logs-common/src');

const MIGRATIONS = require('node:path').resolve(
  __dirname,
  '../../plugins/logs-backend/migrations',
);

module.exports = { PostgresLogStore, levelRank, MIGRATIONS };
