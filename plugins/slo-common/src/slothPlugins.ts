/**
 * Sloth's SLO plugin chains (`slo_plugins` / `sloPlugins` and each SLO's
 * `plugins`), for the plugins built into Sloth whose effect is known: its
 * own core steps and the validation-only VictoriaMetrics validator. Other
 * plugins change the rules in ways only their Go code knows, so they stay
 * out of scope (the caller reports them).
 *
 * As Sloth v0.16 runs a chain: the SLO's plugins follow the group's (or
 * replace them, with the SLO's `overridePrevious`); they are ordered by
 * priority (stable), those below 0 run before Sloth's default steps, the
 * others after; `overridePrevious` (either level) drops the default steps.
 * Each rule step writes its whole group of rules, so the last one run wins.
 */
import type { SloRuleSteps } from './model';

export const SLOTH_VALIDATE_PLUGIN = 'sloth.dev/core/validate/v1';
export const SLOTH_SLI_RULES_PLUGIN = 'sloth.dev/core/sli_rules/v1';
export const SLOTH_METADATA_RULES_PLUGIN = 'sloth.dev/core/metadata_rules/v1';
export const SLOTH_ALERT_RULES_PLUGIN = 'sloth.dev/core/alert_rules/v1';
export const SLOTH_NOOP_PLUGIN = 'sloth.dev/core/noop/v1';
export const SLOTH_DEBUG_PLUGIN = 'sloth.dev/core/debug/v1';
/** Validates MetricsQL instead of PromQL; generates nothing. */
export const SLOTH_VALIDATE_VICTORIA_METRICS_PLUGIN =
  'sloth.dev/contrib/validate_victoria_metrics/v1';

const KNOWN_PLUGINS = new Set([
  SLOTH_VALIDATE_PLUGIN,
  SLOTH_SLI_RULES_PLUGIN,
  SLOTH_METADATA_RULES_PLUGIN,
  SLOTH_ALERT_RULES_PLUGIN,
  SLOTH_NOOP_PLUGIN,
  SLOTH_DEBUG_PLUGIN,
  SLOTH_VALIDATE_VICTORIA_METRICS_PLUGIN,
]);

export interface SlothPluginRef {
  id: string;
  priority?: number;
  config?: unknown;
}

export interface SlothPluginChain {
  overridePrevious?: boolean;
  chain?: SlothPluginRef[];
}

/** Whether Vigil knows what the plugin does to the generated rules. */
export function isKnownSlothPlugin(id: string): boolean {
  return KNOWN_PLUGINS.has(id);
}

/** Sloth's default chain: validate, SLI, metadata and alert rules. */
const DEFAULT_STEPS: SlothPluginRef[] = [
  { id: SLOTH_VALIDATE_PLUGIN },
  { id: SLOTH_SLI_RULES_PLUGIN },
  { id: SLOTH_METADATA_RULES_PLUGIN },
  { id: SLOTH_ALERT_RULES_PLUGIN },
];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The typed config fields of the core plugins that read a config. */
const CONFIG_FIELDS: Record<string, Record<string, 'boolean' | 'string'>> = {
  [SLOTH_SLI_RULES_PLUGIN]: { disableOptimized: 'boolean' },
  [SLOTH_DEBUG_PLUGIN]: {
    msg: 'string',
    result: 'boolean',
    request: 'boolean',
  },
};

/** Checks a core plugin's JSON config as Go's json.Unmarshal would. */
function configProblem(plugin: SlothPluginRef): string | undefined {
  const { id, config } = plugin;
  const fields = CONFIG_FIELDS[id];
  // The other plugins ignore their config.
  if (!fields || config === undefined || config === null) return undefined;
  if (!isObject(config)) {
    return `the config of plugin ${JSON.stringify(id)} must be a mapping`;
  }
  for (const [key, type] of Object.entries(fields)) {
    const value = config[key];
    if (value !== undefined && value !== null && typeof value !== type) {
      return `config.${key} of plugin ${JSON.stringify(
        id,
      )} must be a ${type} (got ${typeof value})`;
    }
  }
  return undefined;
}

export interface ResolvedPluginChain {
  /** The rule steps the chain runs; undefined when they are the default ones. */
  ruleSteps?: SloRuleSteps;
  problems: string[];
}

/**
 * What an SLO's effective plugin chain generates. Unknown plugins must have
 * been reported and excluded by the caller; `field` names the SLO's own
 * chain in messages.
 */
export function resolveSlothPluginChain(
  group: SlothPluginChain | undefined,
  slo: SlothPluginChain | undefined,
  field: string,
): ResolvedPluginChain {
  const plugins = [
    ...(slo?.overridePrevious ? [] : group?.chain ?? []),
    ...(slo?.chain ?? []),
  ];
  const overrideDefaults = Boolean(
    group?.overridePrevious || slo?.overridePrevious,
  );
  const problems: string[] = [];
  if (overrideDefaults && plugins.length === 0) {
    problems.push(
      `${field}.overridePrevious drops Sloth's default plugins, but no plugins are listed to replace them`,
    );
  }
  for (const plugin of plugins) {
    if (plugin.priority !== undefined && !Number.isInteger(plugin.priority)) {
      problems.push(
        `the priority of plugin ${JSON.stringify(
          plugin.id,
        )} must be an integer (got ${plugin.priority})`,
      );
    }
    const problem = configProblem(plugin);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) return { problems };

  // Array.prototype.sort is stable, as Go's slices.SortStableFunc.
  const ordered = [...plugins].sort(
    (a, b) => (a.priority ?? 0) - (b.priority ?? 0),
  );
  const chain = [
    ...ordered.filter(p => (p.priority ?? 0) < 0),
    ...(overrideDefaults ? [] : DEFAULT_STEPS),
    ...ordered.filter(p => (p.priority ?? 0) >= 0),
  ];
  const steps: SloRuleSteps = {
    sliRecordings: false,
    metadataRecordings: false,
    alerts: false,
  };
  for (const plugin of chain) {
    if (plugin.id === SLOTH_SLI_RULES_PLUGIN) {
      const config = isObject(plugin.config) ? plugin.config : {};
      steps.sliRecordings = { optimized: config.disableOptimized !== true };
    } else if (plugin.id === SLOTH_METADATA_RULES_PLUGIN) {
      steps.metadataRecordings = true;
    } else if (plugin.id === SLOTH_ALERT_RULES_PLUGIN) {
      steps.alerts = true;
    }
    // Validators, noop and debug generate nothing. Vigil validates every
    // spec the same way whatever the validator: its PromQL checks are
    // structural and hold for MetricsQL too.
  }
  const isDefault =
    steps.sliRecordings !== false &&
    steps.sliRecordings.optimized &&
    steps.metadataRecordings &&
    steps.alerts;
  return isDefault ? { problems } : { ruleSteps: steps, problems };
}
