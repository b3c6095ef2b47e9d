module.exports = require('../../scripts/eslint-config.cjs')(__dirname);
