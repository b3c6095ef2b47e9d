import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  defaultSupportPolicyDecision,
  supportFeedbackCreatePermission,
  supportTicketCreatePermission,
  supportTicketManagePermission,
} from './permissions';

const { ALLOW, DENY } = AuthorizeResult;
const admin = { roles: { admin: true } };
const member = { roles: {} };
const guest = { roles: { readOnly: true } };

describe('defaultSupportPolicyDecision', () => {
  it.each([
    [supportTicketManagePermission, admin, ALLOW],
    [supportTicketManagePermission, member, DENY],
    [supportTicketManagePermission, guest, DENY],
    [supportTicketManagePermission, undefined, ALLOW],
    [supportTicketCreatePermission, member, ALLOW],
    [supportTicketCreatePermission, admin, ALLOW],
    [supportTicketCreatePermission, guest, DENY],
    [supportFeedbackCreatePermission, member, ALLOW],
    [supportFeedbackCreatePermission, guest, DENY],
  ])('%s for %j: %s', (permission, user, result) => {
    expect(defaultSupportPolicyDecision(permission, user)).toEqual({ result });
  });

  it('leaves other permissions to others', () => {
    const other = createPermission({
      name: 'slo.specs.refresh',
      attributes: {},
    });
    expect(defaultSupportPolicyDecision(other, admin)).toBeUndefined();
  });
});
