/**
 * Fixed ids of the seeded sample portal (exported as `SEED` from emulator/core.ts), so tests and
 * demos can refer to rows without looking them up.
 */

/** Ids of everything `seed: true` creates, plus the organization and business unit WhoAmI returns. */
export const SEED = {
  organizationId: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0001',
  businessUnitId: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0002',
  /** The caller for WhoAmI and the default owner of created rows. */
  systemUserId: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0003',
  websiteId: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0010',
  accountId: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0020',
  webRoles: {
    authenticated: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0031',
    partners: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0032',
    administrators: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0033',
  },
  contacts: {
    /** alice.adams@example.com */
    alice: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0041',
    /** bob.brown@example.com */
    bob: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0042',
    /** carol.chen@example.org */
    carol: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0043',
    /** dan.diaz@example.org */
    dan: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0044',
    /** erin.evans@example.com */
    erin: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0045',
    /** Frank Foster: no emailaddress1 (an invitation to him cannot be sent). */
    noEmail: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0046',
  },
  sendInvitationWorkflowId: 'c1d4a9a2-7f1e-4b8e-9a55-0d6b2e8f3a11',
  /** The publisher of the PortalInvitations solution (unique name `portalinvite`). */
  publisherId: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0051',
  /** The product's own solution, unique name `PortalInvitations` (solution/src/Other/Solution.xml). */
  solutionId: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0052',
  /** The solutioncomponent row making the Send Invitation workflow part of PortalInvitations. */
  sendInvitationComponentId: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e0053',
} as const;
