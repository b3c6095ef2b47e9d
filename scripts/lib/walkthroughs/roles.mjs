// The tours the walkthroughs record (plugins/onboarding's roles, started by
// `?tour=<role>` on any URL) and the demo user (catalog-info.yaml) who takes
// each: one whose groups make the tour's pages meaningful.
export const WALKTHROUGH_ROLES = Object.freeze({
  sre: { user: 'alice', title: 'The SRE tour' },
  engineer: { user: 'dmitri', title: 'The engineer tour' },
  'incident-commander': { user: 'bob', title: 'The incident commander tour' },
  'product-owner': { user: 'erin', title: 'The product owner tour' },
  admin: { user: 'pat', title: 'The portal admin tour' },
});

export const USAGE = `Usage: node scripts/walkthroughs.mjs [options]

Records each role's guided tour in Chromium and writes
techdocs/docs/help/walkthroughs/<role>.gif. Start the portal first:
  flock /tmp/vigil-platform.lock ./vigil start --built-app --no-demo-traffic

Options:
  --role <role>     only this tour (repeatable): ${Object.keys(
    WALKTHROUGH_ROLES,
  ).join(', ')}
  --url <url>       the portal (default $PLAYWRIGHT_URL, else http://localhost:7007)
  --out <dir>       where the GIFs go (default techdocs/docs/help/walkthroughs)
  --frames <dir>    where the screenshots go (default .data/walkthroughs)
  --max-steps <n>   stop a tour after n steps (default 25)
  --placeholders    only write a "not recorded yet" GIF for each role without one
  --help            this text`;

/** Parses the command line; throws with a message naming what is wrong. */
export function parseWalkthroughArgs(argv, env = {}) {
  const options = {
    roles: [],
    url: env.PLAYWRIGHT_URL ?? 'http://localhost:7007',
    out: 'techdocs/docs/help/walkthroughs',
    frames: '.data/walkthroughs',
    maxSteps: 25,
    placeholders: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) {
        throw new Error(`${arg} needs a value`);
      }
      return next;
    };
    if (arg === '--role') {
      const role = value();
      if (!Object.hasOwn(WALKTHROUGH_ROLES, role)) {
        throw new Error(
          `unknown role ${role}: one of ${Object.keys(WALKTHROUGH_ROLES).join(
            ', ',
          )}`,
        );
      }
      options.roles.push(role);
    } else if (arg === '--url') options.url = value().replace(/\/+$/, '');
    else if (arg === '--out') options.out = value();
    else if (arg === '--frames') options.frames = value();
    else if (arg === '--max-steps') {
      options.maxSteps = Number(value());
      if (!Number.isInteger(options.maxSteps) || options.maxSteps < 1) {
        throw new Error('--max-steps must be a positive whole number');
      }
    } else if (arg === '--placeholders') options.placeholders = true;
    else if (arg === '--help' || arg === '-h') options.help = true;
    else throw new Error(`unknown option ${arg}`);
  }
  if (options.roles.length === 0) {
    options.roles = Object.keys(WALKTHROUGH_ROLES);
  }
  return options;
}
