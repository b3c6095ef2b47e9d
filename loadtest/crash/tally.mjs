// The crash benchmark's counts and verdict from the loss/duplication check
// (incidents/verify.mjs). Pure.

/**
 * Sums what verify() found for `groups` into the figures the report prints,
 * and the problems that fail the run. A webhook answer `unchanged` where the
 * scenario expected `opened` or `updated` is not one: the notification was
 * processed just before the kill, its answer was lost, and the sender's
 * retry found it done (exactly what idempotency is for).
 */
export function tally(groups, result) {
  const { counts } = result;
  let alertsExpected = 0;
  let arrivalsExpected = 0;
  for (const g of groups) {
    alertsExpected += g.expected.alerts.size;
    for (const [key, n] of g.expected.events)
      if (key.startsWith('alert_attached ')) arrivalsExpected += n;
  }
  let alertsFound = 0;
  let arrivalsFound = 0;
  for (const d of result.details.values()) {
    alertsFound += d.alerts.length;
    arrivalsFound += d.timeline.filter(e => e.type === 'alert_attached').length;
  }
  const answers = { asExpected: 0, unchangedAfterRetry: 0, other: 0 };
  for (const g of groups) {
    for (const a of g.actions) {
      const got = a.got[0];
      if (got === a.expected) answers.asExpected++;
      else if (got === 'unchanged') answers.unchangedAfterRetry++;
      else answers.other++;
    }
  }
  const problems = result.problems.filter(
    p => !/ answered unchanged, expected (opened|updated)$/.test(p),
  );
  return {
    figures: {
      groups: groups.length,
      incidentsPerGroup: {
        exactlyOne: groups.length - counts.lost - counts.duplicated,
        none: counts.lost,
        moreThanOne: counts.duplicated,
      },
      alerts: { expected: alertsExpected, found: alertsFound },
      alertArrivals: { expected: arrivalsExpected, found: arrivalsFound },
      lost: counts.lost + counts.eventsMissing,
      doubled: counts.duplicated + counts.eventsUnexpected,
      mismatches: {
        alerts: counts.alertMismatches,
        status: counts.statusMismatches,
        severity: counts.severityMismatches,
        foreign: counts.foreign,
      },
      webhookAnswers: answers,
    },
    problems,
  };
}
