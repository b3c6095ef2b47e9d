// Checks the licenses of the production dependencies against an allow-list
// (scripts/license-allowlist.json): everything the backend runs and the app
// bundles, found by walking `dependencies` and `optionalDependencies` (never
// devDependencies) from packages/backend and packages/app through the
// workspace's node_modules, as Node resolves them. Workspace packages are
// Vigil's own code and are walked through, not checked.
//   node scripts/license-check.mjs [--list]   (--list prints every package)
// license-checker-rseidelsohn does not follow Yarn's hoisted workspace
// layout (it reads one package's node_modules), hence this walk.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entryPoints = ['packages/backend', 'packages/app'];

/** Splits an SPDX expression and says whether the allow-list accepts it. */
export function expressionAllowed(expression, allowed) {
  const tokens = expression
    .replace(/[()]/g, m => ` ${m} `)
    .trim()
    .split(/\s+/);
  let i = 0;
  const primary = () => {
    const token = tokens[i++];
    if (token === '(') {
      const value = or();
      i++; // ')'
      return value;
    }
    let id = token ?? '';
    // "GPL-2.0 WITH Classpath-exception-2.0": the exception only widens it.
    if (tokens[i] === 'WITH') i += 2;
    id = id.replace(/\+$/, '');
    return allowed.has(id);
  };
  const and = () => {
    let value = primary();
    while (tokens[i] === 'AND') {
      i++;
      value = primary() && value;
    }
    return value;
  };
  const or = () => {
    let value = and();
    while (tokens[i] === 'OR') {
      i++;
      value = and() || value;
    }
    return value;
  };
  return or();
}

/** The license of a package.json as one SPDX-like expression. */
export function licenseOf(pkg) {
  const one = l => (typeof l === 'string' ? l : l?.type);
  if (pkg.license) return one(pkg.license);
  if (Array.isArray(pkg.licenses) && pkg.licenses.length) {
    const ids = pkg.licenses.map(one).filter(Boolean);
    return ids.length > 1 ? `(${ids.join(' OR ')})` : ids[0];
  }
  return undefined;
}

/** Finds `name` from `fromDir` the way Node does: node_modules upwards. */
function resolvePackage(name, fromDir) {
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name, 'package.json');
    if (fs.existsSync(candidate)) return path.dirname(candidate);
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * @param buildOnly names that Vigil's own packages list as dependencies but
 *   that only build them (e.g. the app's bundler): not shipped, not walked.
 */
export function collectProductionPackages(startDirs, buildOnly = {}) {
  const seen = new Map(); // realpath -> { name, version, license, dir }
  const missing = [];
  const stack = startDirs.map(dir => [fs.realpathSync(dir), undefined]);
  const visited = new Set();
  while (stack.length) {
    const [dir, via] = stack.pop();
    if (visited.has(dir)) continue;
    visited.add(dir);
    const pkg = JSON.parse(
      fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
    );
    const own = !dir.split(path.sep).includes('node_modules');
    if (!own) {
      seen.set(dir, {
        name: pkg.name,
        version: pkg.version,
        license: licenseOf(pkg),
        dir: path.relative(root, dir),
        via,
      });
    }
    const optional = pkg.optionalDependencies ?? {};
    const deps = { ...pkg.dependencies, ...optional };
    for (const name of Object.keys(deps)) {
      if (own && name in buildOnly) continue;
      const found = resolvePackage(name, dir);
      if (found) stack.push([fs.realpathSync(found), pkg.name]);
      else if (!(name in optional)) missing.push(`${name} (for ${pkg.name})`);
    }
  }
  return { packages: [...seen.values()], missing };
}

export function checkLicenses(packages, allowList) {
  const allowed = new Set(allowList.licenses);
  const exceptions = allowList.exceptions ?? {};
  const problems = [];
  const usedExceptions = new Set();
  for (const p of packages) {
    if (p.license && expressionAllowed(p.license, allowed)) continue;
    const exception = exceptions[p.name];
    if (exception) {
      usedExceptions.add(p.name);
      if (exception.declared === (p.license ?? null)) continue;
      problems.push(
        `${p.name}@${p.version}: license "${p.license}" differs from the exception's "${exception.declared}"; review it`,
      );
      continue;
    }
    if (!p.license) {
      problems.push(
        `${p.name}@${p.version} (via ${p.via}): no license in package.json`,
      );
    } else {
      problems.push(
        `${p.name}@${p.version} (via ${p.via}): "${p.license}" is not on the allow-list`,
      );
    }
  }
  const unused = Object.keys(exceptions).filter(n => !usedExceptions.has(n));
  return { problems, unused };
}

function main() {
  const allowList = JSON.parse(
    fs.readFileSync(path.join(root, 'scripts/license-allowlist.json'), 'utf8'),
  );
  const { packages, missing } = collectProductionPackages(
    entryPoints.map(p => path.join(root, p)),
    allowList.buildOnly,
  );
  if (process.argv.includes('--list')) {
    for (const p of packages.sort((a, b) => a.name.localeCompare(b.name))) {
      console.log(`${p.name}@${p.version}\t${p.license}`);
    }
  }
  const { problems, unused } = checkLicenses(packages, allowList);
  for (const name of unused) {
    console.log(
      `licenses: note: the exception for ${name} matches no production dependency any more; remove it`,
    );
  }
  if (missing.length) {
    problems.push(
      `not installed, so not checked: ${missing.slice(0, 5).join(', ')}${
        missing.length > 5 ? ` and ${missing.length - 5} more` : ''
      } (run yarn install)`,
    );
  }
  if (problems.length) {
    console.error(
      `licenses: ${problems.length} problem(s) among ${packages.length} production dependencies (allow-list: scripts/license-allowlist.json):`,
    );
    for (const p of problems) console.error(`  ${p}`);
    process.exit(1);
  }
  const counts = {};
  for (const p of packages) counts[p.license] = (counts[p.license] ?? 0) + 1;
  console.log(
    `licenses: ${
      packages.length
    } production dependencies, all allowed (${Object.entries(counts)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([l, n]) => `${l} ${n}`)
      .join(', ')}, ...)`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
