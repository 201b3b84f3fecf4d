// Fictional directory used by every replica (Contoso, as in the seed
// article). The test server serves this one file under the origin of each
// host that loads it, because a real site only loads scripts from itself
// (`sharedFile` in tests/server/server.mjs).
(function () {
  'use strict';
  var domain = 'contoso.onmicrosoft.com';
  function u(id, name, alias, job, active, eligible, legacy) {
    return {
      id: id,
      displayName: name,
      upn: alias + '@' + domain,
      jobTitle: job,
      userType: 'Member',
      // Directory roles as today's Entra ID shows them.
      activeRoles: active,
      // Privileged Identity Management: eligible, not active.
      eligibleRoles: eligible,
      // The 2017 portal: ORGANIZATIONAL ROLE / Directory role.
      legacyRole: legacy,
    };
  }
  window.CONTOSO = {
    tenantName: 'Contoso',
    tenantId: '3f2b8c1e-5d4a-4e7b-9a61-0c8d2e4f7a19',
    domain: domain,
    license: 'Microsoft Entra ID P2',
    users: [
      u('9b6c2f4e-1a3d-4c8b-8e2f-5d7a1c3b9e01', 'Kelley Wall', 'kelley', 'IT Manager', ['Global Administrator'], [], { kind: 'Global administrator' }),
      u('2d4e6f80-3b5c-4d7e-9f01-a2b3c4d5e602', 'Megan Bowen', 'megan', 'Finance Lead', ['Billing Administrator'], [], { kind: 'Limited administrator', limited: ['Billing administrator'] }),
      u('4f6a8b0c-5d7e-4f90-8a1b-c2d3e4f5a603', 'Alex Wilber', 'alex', 'Auditor', ['Global Reader'], [], { kind: 'User' }),
      u('6a8c0e2f-7b9d-4a1c-9e3f-d4e5f6a7b804', 'Diego Siciliani', 'diego', 'HR Manager', [], ['Billing Administrator'], { kind: 'User' }),
      u('8c0e2a4b-9d1f-4b3a-8c5e-e6f7a8b9c005', 'Isaiah Langer', 'isaiah', 'Sales Rep', ['Exchange Administrator', 'Billing Administrator'], [], { kind: 'Limited administrator', limited: ['Exchange administrator', 'Billing administrator'] }),
      u('0e2a4c6d-1f3b-4d5c-9a7e-f8a9b0c1d206', 'Adele Vance', 'adele', 'Network Engineer', ['Global Secure Access Administrator'], [], { kind: 'User' }),
      // 2017: a limited administrator whose profile does not name the
      // limited roles (no sub-role readable): the role is unknown.
      u('1f3b5d7e-2a4c-4e6d-8b9f-a0b1c2d3e407', 'Lee Gu', 'lee', 'Director', [], [], { kind: 'Limited administrator', limited: [] }),
    ],
    // Azure subscriptions and each account's Azure RBAC role on them (the
    // portal's Subscriptions grid shows it as "My role"). The subscription
    // was created with a separate sign-up, so it trusts another directory
    // ("Default Directory", as sign-up names a directory it creates); the
    // issue-9 guide moves it into Contoso (Change directory). Accounts
    // without a role see no subscription (the portal home then offers the
    // free trial).
    subscriptions: [
      {
        id: '7c1e5a92-4b3d-4f8e-a6c0-2d9b8e1f4a37',
        name: 'Azure subscription 1',
        offer: 'Pay-As-You-Go',
        offerId: 'MS-AZR-0003P',
        directory: 'Default Directory (contosoazure.onmicrosoft.com)',
        roles: { kelley: 'Owner', megan: 'Reader', isaiah: 'Contributor' },
      },
    ],
    otherDirectories: ['Default Directory (contosoazure.onmicrosoft.com)'],
    roleDescriptions: {
      'Global Administrator': 'Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.',
      'Billing Administrator': 'Can perform common billing related tasks like updating payment information.',
      'Global Reader': 'Can read everything that a Global Administrator can, but not update anything.',
      'Exchange Administrator': 'Can manage all aspects of the Exchange product.',
      'Global Secure Access Administrator': 'Create and manage all aspects of Microsoft Entra Internet Access and Microsoft Entra Private Access.',
    },
    byUpn: function (upn) {
      upn = String(upn || '').toLowerCase();
      for (var i = 0; i < this.users.length; i++) if (this.users[i].upn === upn) return this.users[i];
      return null;
    },
    byId: function (id) {
      for (var i = 0; i < this.users.length; i++) if (this.users[i].id === id) return this.users[i];
      return null;
    },
  };
})();
