import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/*
 * Launch-gate permissions, each on the reviewed catalog entity. The
 * portal's policy (packages/backend) decides who holds them by role; the
 * launch-gates service then narrows sign-offs, waivers and answers to the
 * people the review names (its product owner, the answering role), with a
 * 403 that names them.
 */

/**
 * Opening a review of an entity, editing its title or target date.
 * @public
 */
export const launchGatesReviewCreatePermission = createPermission({
  name: 'launch-gates.review.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Re-running a review's automated checks now.
 * @public
 */
export const launchGatesReviewEvaluatePermission = createPermission({
  name: 'launch-gates.review.evaluate',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Answering a manual check (and uploading its evidence file).
 * @public
 */
export const launchGatesCheckAnswerPermission = createPermission({
  name: 'launch-gates.check.answer',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Granting a waiver on a check.
 * @public
 */
export const launchGatesWaiverCreatePermission = createPermission({
  name: 'launch-gates.waiver.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Signing off a review (Go or No-Go).
 * @public
 */
export const launchGatesSignOffCreatePermission = createPermission({
  name: 'launch-gates.signoff.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Posting a load-test or security-scan report for an entity (CI).
 * @public
 */
export const launchGatesReportCreatePermission = createPermission({
  name: 'launch-gates.report.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** @public */
export const launchGatesPermissions = [
  launchGatesReviewCreatePermission,
  launchGatesReviewEvaluatePermission,
  launchGatesCheckAnswerPermission,
  launchGatesWaiverCreatePermission,
  launchGatesSignOffCreatePermission,
  launchGatesReportCreatePermission,
];
