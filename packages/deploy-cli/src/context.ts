import fs from 'node:fs';
import path from 'node:path';
import type { Color } from '@vigil/backstage-plugin-deployments-common';
import { PRODUCTION_PORTS } from './haproxy/renderConfig';

/** Where the CLI keeps its files, all under the repository's .data/. */
export interface DeployPaths {
  root: string;
  dataDir: string;
  deployDir: string;
  releasesDir: string;
  stateFile: string;
  lockFile: string;
  recordsDir: string;
  logsDir: string;
  /** Prometheus file_sd targets of job scoring-api. */
  targetsFile: string;
}

export function deployPaths(root: string): DeployPaths {
  const dataDir = path.join(root, '.data');
  const deployDir = path.join(dataDir, 'deploy');
  return {
    root,
    dataDir,
    deployDir,
    releasesDir: path.join(deployDir, 'releases'),
    stateFile: path.join(deployDir, 'state.json'),
    lockFile: path.join(deployDir, 'deploy.lock'),
    recordsDir: path.join(deployDir, 'records'),
    logsDir: path.join(dataDir, 'logs'),
    targetsFile: path.join(dataDir, 'prometheus-targets', 'scoring-api.json'),
  };
}

/**
 * Everything a deploy talks to. `defaultDeployContext` gives the platform's
 * (./vigil start); tests, drills and benchmarks build their own with other
 * ports, another socket and another data directory.
 */
export interface DeployContext {
  paths: DeployPaths;
  /** HAProxy's admin socket. */
  socketPath: string;
  /** HAProxy backend and the port of each colour. */
  backend: string;
  ports: Record<Color, number>;
  /** The proxy's public address (what clients call). */
  frontendUrl: string;
  /** Prometheus, for the watch window's fast-burn check; undefined: do not ask. */
  prometheusUrl?: string;
  /** The deployments API; undefined: keep records as files only. */
  backendUrl?: string;
  deployToken?: string;
  entityRef: string;
  environment: string;
  /** Environment of the scoring API instances (admin token, Redis URL...). */
  instanceEnv: NodeJS.ProcessEnv;
  /** Progress lines (stderr). */
  log: (line: string) => void;
  /** Who is deploying ($USER@host). */
  operator?: string;
}

/**
 * A secret ./vigil start generated into .data/<file> (it exports the same
 * value as an environment variable to what it starts; a plain shell has
 * only the file). Undefined when the file is missing or empty.
 */
export function readDataSecret(
  paths: DeployPaths,
  name: 'deploy-token' | 'scoring-admin-token',
): string | undefined {
  // One of two fixed names under the CLI's own .data directory.
  const file = path.join(paths.dataDir, name);
  try {
    // eslint-disable-next-line security/detect-non-literal-fs-filename
    return fs.readFileSync(file, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The instances' environment: the CLI's own, with the scoring API's admin
 * token from .data/scoring-admin-token when neither VIGIL_SCORING_ADMIN_TOKEN
 * nor its older name SCORING_ADMIN_TOKEN is set (`yarn vigil-deploy deploy`
 * from a plain shell): without it the instances' /admin routes answer 503
 * and a drill's feature writes fail.
 */
export function instanceEnvOf(
  paths: DeployPaths,
  given: NodeJS.ProcessEnv,
): NodeJS.ProcessEnv {
  // Instances write their JSON logs where the launcher's rsyslog follows
  // them, also when the CLI runs from a plain shell.
  const env = given.SCORING_LOG_DIR
    ? given
    : { ...given, SCORING_LOG_DIR: path.join(paths.logsDir, 'json') };
  if (env.VIGIL_SCORING_ADMIN_TOKEN || env.SCORING_ADMIN_TOKEN) return env;
  const token = readDataSecret(paths, 'scoring-admin-token');
  return token ? { ...env, VIGIL_SCORING_ADMIN_TOKEN: token } : env;
}

/**
 * The platform's context: ops/haproxy/haproxy.cfg's addresses, env
 * overrides, and the tokens ./vigil start generated under .data/ when the
 * environment does not set them (VIGIL_DEPLOY_TOKEN, VIGIL_SCORING_ADMIN_TOKEN).
 */
export function defaultDeployContext(
  root: string,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
  operator?: string,
): DeployContext {
  const paths = deployPaths(root);
  return {
    paths,
    socketPath: path.join(paths.dataDir, 'haproxy', 'admin.sock'),
    backend: 'scoring',
    ports: { blue: PRODUCTION_PORTS.blue, green: PRODUCTION_PORTS.green },
    frontendUrl: `http://127.0.0.1:${PRODUCTION_PORTS.frontend}`,
    prometheusUrl: env.VIGIL_PROMETHEUS_URL || 'http://127.0.0.1:9090',
    backendUrl: env.VIGIL_BACKEND_URL || 'http://127.0.0.1:7007',
    deployToken:
      env.VIGIL_DEPLOY_TOKEN || readDataSecret(paths, 'deploy-token'),
    entityRef: 'component:default/scoring-api',
    environment: 'production',
    instanceEnv: instanceEnvOf(paths, env),
    log,
    operator,
  };
}

export const COLORS: readonly Color[] = ['blue', 'green'];

export function otherColor(color: Color): Color {
  return color === 'blue' ? 'green' : 'blue';
}
