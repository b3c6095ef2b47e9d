// The log shipper's configuration: ops/rsyslog/vigil.conf is a template
// whose {{NAME}} values this fills (paths, the logs store's connection).
// CommonJS so that the launcher (scripts/lib/rsyslog-runner.mjs), the ops
// check of scripts/test.sh and the shipping test (Jest) share it.
const fs = require('node:fs');
const path = require('node:path');

/** The template, relative to the repository root. */
const TEMPLATE = 'ops/rsyslog/vigil.conf';

/**
 * The logs store's database when VIGIL_LOGS_DATABASE_URL names none: the
 * logs plugin's own (Backstage's `backstage_plugin_<id>`).
 */
const DEFAULT_DATABASE = 'backstage_plugin_logs';

/** What every rendered config needs, with the launcher's defaults. */
function defaultValues({ dataDir, env = process.env }) {
  return {
    WORK_DIR: path.join(dataDir, 'rsyslog', 'work'),
    INTERNAL_LOG: path.join(dataDir, 'rsyslog', 'rsyslogd.log'),
    // The scoring API's and the backend's rotating JSON files
    // (SCORING_LOG_DIR, vigil.logging.file.path): <name>.<n>.json.
    LOG_GLOB: path.join(dataDir, 'logs', 'json', '*.json'),
    PG_CONNINFO: logsDatabaseConninfo(env),
    QUEUE_SIZE: '100000',
    QUEUE_MAX_DISK: '1g',
    BATCH_SIZE: '500',
  };
}

/**
 * The libpq connection string of the logs store: VIGIL_LOGS_SHIPPER_CONNINFO
 * as given, else VIGIL_LOGS_DATABASE_URL (the logs backend's server, as
 * app-config.yaml reads it) with the plugin's database when it names none.
 */
function logsDatabaseConninfo(env = process.env) {
  if (env.VIGIL_LOGS_SHIPPER_CONNINFO) return env.VIGIL_LOGS_SHIPPER_CONNINFO;
  const url = new URL(
    env.VIGIL_LOGS_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432',
  );
  if (url.pathname === '' || url.pathname === '/') {
    url.pathname = `/${DEFAULT_DATABASE}`;
  }
  return url.toString();
}

/**
 * The template with every {{NAME}} replaced. A value that would end the
 * quoted string it sits in (a quote, a newline) or a name without a value
 * is an error, not a broken config.
 */
function renderRsyslogConfig(template, values, { standalone = true } = {}) {
  const text = standalone
    ? template
    : template.replace(/^# BEGIN standalone[\s\S]*?^# END standalone\n/m, '');
  const rendered = text.replace(/\{\{([A-Z_]+)\}\}/g, (_match, name) => {
    const value = values[name];
    if (value === undefined || value === '') {
      throw new Error(`rsyslog config: no value for {{${name}}}`);
    }
    if (/["\n\r\\]/.test(String(value))) {
      throw new Error(
        `rsyslog config: {{${name}}} must not contain quotes, backslashes or newlines`,
      );
    }
    return String(value);
  });
  return rendered;
}

/**
 * Renders the template into `file` (default <dataDir>/rsyslog/vigil.conf)
 * and creates the directories it names; returns the file's path.
 * `standalone: false` leaves out the global settings and the internal log
 * (a drop-in for the system's rsyslog, /etc/rsyslog.d/, in production).
 */
function writeRsyslogConfig({
  root,
  dataDir,
  env,
  values = {},
  file,
  standalone = true,
}) {
  const all = { ...defaultValues({ dataDir, env }), ...values };
  const target = file ?? path.join(dataDir, 'rsyslog', 'vigil.conf');
  const template = fs.readFileSync(path.join(root, TEMPLATE), 'utf8');
  const text = renderRsyslogConfig(template, all, { standalone });
  if (standalone) {
    fs.mkdirSync(all.WORK_DIR, { recursive: true });
    fs.mkdirSync(path.dirname(all.INTERNAL_LOG), { recursive: true });
    fs.mkdirSync(path.dirname(all.LOG_GLOB), { recursive: true });
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
  return target;
}

module.exports = {
  TEMPLATE,
  DEFAULT_DATABASE,
  defaultValues,
  logsDatabaseConninfo,
  renderRsyslogConfig,
  writeRsyslogConfig,
};
