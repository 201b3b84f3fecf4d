// Every replica page the suite visits directly, with what shows that it has
// finished rendering (its late content). Shared by replicas-render,
// no-network and the unguided-page checks.
export const KELLEY = '9b6c2f4e-1a3d-4c8b-8e2f-5d7a1c3b9e01';
export const DIEGO = '6a8c0e2f-7b9d-4a1c-9e3f-d4e5f6a7b804';
export const SANDBOX_HOST = 'sandbox-1.reactblade.portal.azure.net';

export const ROUTES = {
  home: '#home',
  entraOverview: '#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview',
  allUsers: '#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers',
  profile: (id) => `#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/${id}`,
  assignedRoles: (id) => `#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/AdministrativeRole/userId/${id}`,
  roles: '#view/Microsoft_AAD_IAM/AllRolesBlade',
  blade2017Entra: '#blade/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/Overview',
  blade2017Users: '#blade/Microsoft_AAD_IAM/UsersManagementMenuBlade/AllUsers',
  blade2017Profile: (id) => `#blade/Microsoft_AAD_IAM/UserDetailsMenuBlade/Profile/userId/${id}`,
  blade2017DirectoryRole: (id) => `#blade/Microsoft_AAD_IAM/UserDetailsMenuBlade/DirectoryRole/userId/${id}`,
  subscriptions: '#view/Microsoft_Azure_Billing/SubscriptionsBladeV2',
  subscription: (id, section = 'overview') => `#@contoso.onmicrosoft.com/resource/subscriptions/${id}/${section}`,
  help: '#view/Microsoft_Azure_Support/HelpAndSupportBlade/~/overview',
  blade2017Help: '#blade/Microsoft_Azure_Support/HelpAndSupportBlade',
  newSupport: '#view/Microsoft_Azure_Support/NewSupportRequestV3Blade',
};

/** The replica's one Azure subscription (tests/replicas/_shared/contoso-data.js). */
export const SUBSCRIPTION = '7c1e5a92-4b3d-4f8e-a6c0-2d9b8e1f4a37';

export const LOGIN_URL =
  'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=c44b4083-3bb0-49c1-b47d-974e53cbdf3c&response_type=code&redirect_uri=' +
  encodeURIComponent('https://portal.azure.com/');

/**
 * ready: {text} visible text in the top frame, or {frameText} text inside the
 * reactblade frame, or {selector} in the top frame.
 */
export const PAGES = [
  { name: 'azure.com home', url: 'https://azure.microsoft.com/en-us/', ready: { text: 'Start free' } },
  { name: 'azure.com free', url: 'https://azure.microsoft.com/en-us/free/', ready: { text: 'Start free' } },
  { name: 'azure.com purchase options', url: 'https://azure.microsoft.com/en-us/pricing/purchase-options/', ready: { text: 'Try Azure for free' } },
  { name: 'sign-in', url: LOGIN_URL, ready: { selector: '#i0116' } },
  { name: 'Azure sign-up form', url: 'https://signup.azure.com/signup?offer=ms-azr-0044p&appId=102&login_hint=kelley%40contoso.onmicrosoft.com', ready: { text: 'Sign up' } },
  { name: 'portal home', url: 'https://portal.azure.com/#home', ready: { selector: 'input[aria-label="Search resources, services, and docs (G+/)"]' } },
  { name: 'portal Entra overview', url: 'https://portal.azure.com/' + ROUTES.entraOverview, ready: { text: 'Contoso | Overview' } },
  { name: 'portal users list', url: 'https://portal.azure.com/' + ROUTES.allUsers, ready: { frameText: 'Kelley Wall' } },
  { name: 'portal user profile', url: 'https://portal.azure.com/' + ROUTES.profile(KELLEY), ready: { frameText: 'Basic info' } },
  { name: 'portal assigned roles', url: 'https://portal.azure.com/' + ROUTES.assignedRoles(KELLEY), ready: { frameText: 'Global Administrator' } },
  { name: 'portal assigned roles (PIM eligible)', url: 'https://portal.azure.com/' + ROUTES.assignedRoles(DIEGO), ready: { frameText: 'Eligible assignments' } },
  { name: 'portal roles and administrators', url: 'https://portal.azure.com/' + ROUTES.roles, ready: { frameText: 'Your Role' } },
  { name: 'portal 2017 Azure Active Directory', url: 'https://portal.azure.com/?layout=2017' + ROUTES.blade2017Entra, ready: { text: 'Users and groups' } },
  { name: 'portal 2017 user profile', url: 'https://portal.azure.com/?layout=2017' + ROUTES.blade2017Profile(KELLEY), ready: { text: 'Organizational role' } },
  { name: 'Entra admin center users list', url: 'https://entra.microsoft.com/' + ROUTES.allUsers, ready: { frameText: 'Kelley Wall' } },
  { name: 'Entra admin center home', url: 'https://entra.microsoft.com/#home', ready: { text: 'Welcome to the Microsoft Entra admin center' } },
  { name: 'Entra admin center home, older nav (Identity)', url: 'https://entra.microsoft.com/?nav=identity#home', ready: { text: 'Identity' } },
  { name: 'Entra admin center user profile', url: 'https://entra.microsoft.com/' + ROUTES.profile(KELLEY), ready: { frameText: 'Basic info' } },
  { name: 'Entra admin center assigned roles', url: 'https://entra.microsoft.com/' + ROUTES.assignedRoles(KELLEY), ready: { frameText: 'Global Administrator' } },
  { name: 'Entra admin center roles and administrators', url: 'https://entra.microsoft.com/' + ROUTES.roles, ready: { frameText: 'Your Role' } },
  { name: 'portal home without subscription (free trial offer)', url: 'https://portal.azure.com/?login_hint=alex%40contoso.onmicrosoft.com#home', ready: { text: 'Start with an Azure free trial' } },
  { name: 'portal subscriptions, none', url: 'https://portal.azure.com/?login_hint=alex%40contoso.onmicrosoft.com' + ROUTES.subscriptions, ready: { text: 'No subscriptions to display' } },
  { name: 'portal subscriptions (My role)', url: 'https://portal.azure.com/?login_hint=kelley%40contoso.onmicrosoft.com' + ROUTES.subscriptions, ready: { text: 'Azure subscription 1' } },
  { name: 'portal subscription overview (Change directory)', url: 'https://portal.azure.com/?login_hint=kelley%40contoso.onmicrosoft.com' + ROUTES.subscription(SUBSCRIPTION), ready: { text: 'Change directory' } },
  { name: 'portal subscription access control (View my access)', url: 'https://portal.azure.com/?login_hint=kelley%40contoso.onmicrosoft.com' + ROUTES.subscription(SUBSCRIPTION, 'users'), ready: { text: 'View my access' } },
  { name: 'portal Help + support', url: 'https://portal.azure.com/' + ROUTES.help, ready: { text: 'Create a support request' } },
  { name: 'portal Help + support, 2017 link', url: 'https://portal.azure.com/' + ROUTES.blade2017Help, ready: { text: 'Create a support request' } },
  { name: 'portal new support request', url: 'https://portal.azure.com/' + ROUTES.newSupport, ready: { text: 'Problem description' } },
  { name: 'Microsoft 365 business plans', url: 'https://www.microsoft.com/en-us/microsoft-365/business/compare-all-microsoft-365-business-products', ready: { text: 'Try free for one month' } },
  { name: 'products.office.com redirect', url: 'https://products.office.com/business', ready: { text: 'Try free for one month' } },
  { name: 'Microsoft 365 trial form (2017)', url: 'https://signup.microsoft.com/get-started/signup?products=9a1b2c3d-4e5f-4a6b-8c7d-2e3f4a5b6c02&culture=en-us&country=us&ali=1&layout=2017', ready: { text: 'Business phone number' } },
  { name: 'Microsoft 365 email-first sign-up', url: 'https://signup.microsoft.com/get-started/signup?products=9a1b2c3d-4e5f-4a6b-8c7d-2e3f4a5b6c02&culture=en-us&country=us&ali=1', ready: { text: 'Subscription and account details' } },
  { name: 'Microsoft 365 check-out', url: 'https://signup.microsoft.com/get-started/signup?products=9a1b2c3d-4e5f-4a6b-8c7d-2e3f4a5b6c02&culture=en-us&country=us&ali=1&login_hint=kelley%40contoso.onmicrosoft.com', ready: { text: 'Try now' } },
  { name: 'admin center home', url: 'https://admin.microsoft.com/#/homepage', ready: { text: 'User management' } },
  { name: 'admin center active users', url: 'https://admin.microsoft.com/#/users', ready: { text: 'Kelley Wall' } },
  { name: 'admin center Purchase services', url: 'https://admin.microsoft.com/#/catalog', ready: { text: 'Microsoft 365 Business Standard' } },
  { name: 'admin center user details', url: `https://admin.microsoft.com/#/users/:/UserDetails/${KELLEY}`, ready: { text: 'Manage roles' } },
  { name: 'azure.com free (German)', url: 'https://azure.microsoft.com/de-de/free/', ready: { text: 'Kostenlos starten' } },
  { name: 'admin center user details (German)', url: `https://admin.microsoft.com/?lang=de-de#/users/:/UserDetails/${KELLEY}`, ready: { text: 'Rollen verwalten' } },
];

/** Wait until a replica page shows its late content. */
export async function waitReady(page, ready, timeout = 10000) {
  if (ready.selector) {
    await page.waitForSelector(ready.selector, { timeout });
  } else if (ready.text) {
    await page.getByText(ready.text, { exact: false }).first().waitFor({ state: 'visible', timeout });
  } else if (ready.frameText) {
    const end = Date.now() + timeout;
    for (;;) {
      const f = page.frames().find((fr) => fr.url().includes(SANDBOX_HOST));
      if (f) {
        try {
          await f.getByText(ready.frameText, { exact: false }).first().waitFor({ state: 'visible', timeout: Math.max(100, end - Date.now()) });
          return;
        } catch (e) {
          if (Date.now() > end) throw e;
        }
      }
      if (Date.now() > end) throw new Error(`no reactblade frame showing "${ready.frameText}" on ${page.url()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** The replica directory's users (tests/replicas/_shared/contoso-data.js). */
export const USERS = {
  kelley: { id: KELLEY, name: 'Kelley Wall', upn: 'kelley@contoso.onmicrosoft.com', roles: 'Global Administrator' },
  megan: { id: '2d4e6f80-3b5c-4d7e-9f01-a2b3c4d5e602', name: 'Megan Bowen', upn: 'megan@contoso.onmicrosoft.com', roles: 'Billing Administrator' },
  alex: { id: '4f6a8b0c-5d7e-4f90-8a1b-c2d3e4f5a603', name: 'Alex Wilber', upn: 'alex@contoso.onmicrosoft.com', roles: 'Global Reader' },
  diego: { id: DIEGO, name: 'Diego Siciliani', upn: 'diego@contoso.onmicrosoft.com', roles: 'Billing Administrator (PIM eligible)' },
  isaiah: { id: '8c0e2a4b-9d1f-4b3a-8c5e-e6f7a8b9c005', name: 'Isaiah Langer', upn: 'isaiah@contoso.onmicrosoft.com', roles: 'Exchange Administrator, Billing Administrator' },
  adele: { id: '0e2a4c6d-1f3b-4d5c-9a7e-f8a9b0c1d206', name: 'Adele Vance', upn: 'adele@contoso.onmicrosoft.com', roles: 'Global Secure Access Administrator' },
  lee: { id: '1f3b5d7e-2a4c-4e6d-8b9f-a0b1c2d3e407', name: 'Lee Gu', upn: 'lee@contoso.onmicrosoft.com', roles: '(none)' },
};
