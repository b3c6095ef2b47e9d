// ESLint config for every Vigil package: Backstage's own rules plus security
// rules (eslint-plugin-security) raised to errors so findings fail the build.
const createConfig = require('@backstage/cli/config/eslint-factory');
const security = require('eslint-plugin-security');

const securityRules = Object.fromEntries(
  Object.keys(security.configs['recommended-legacy'].rules).map(rule => [
    rule,
    'error',
  ]),
);
// Flags every obj[key]; in TypeScript code the types already bound the keys,
// so it reports noise, not findings (the plugin's maintainers say as much).
securityRules['security/detect-object-injection'] = 'off';

module.exports = (dir, extra = {}) =>
  createConfig(dir, {
    ...extra,
    plugins: [...(extra.plugins ?? []), 'security'],
    rules: { ...securityRules, ...extra.rules },
  });
