// The launch gates' report schemas (plugins/launch-gates-common, TypeScript)
// for the plain-Node scripts that write reports under validation/: the load
// test (loadtest/scoring-api.mjs --report) and the security scan
// (scripts/security-scan.mjs). Loaded through Backstage's transform, as the
// repository's other scripts load TypeScript sources.
require('@backstage/cli/config/nodeTransform.cjs');
const {
  loadTestReportSchema,
  securityScanReportSchema,
} = require('../../plugins/launch-gates-common/src/records');

/** `value` parsed by `schema`; throws naming the first problems. */
function checked(schema, what, value) {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new Error(
    `the ${what} does not match its schema: ${result.error.issues
      .slice(0, 5)
      .map(i => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ')}`,
  );
}

module.exports = {
  checkLoadTestReport: report =>
    checked(loadTestReportSchema, 'load-test report', report),
  checkSecurityScanReport: report =>
    checked(securityScanReportSchema, 'security-scan report', report),
};
