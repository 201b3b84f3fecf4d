// Replica of the Azure portal shell (Ibiza): top bar, portal menu, avatar
// menu, search, breadcrumbs and blades, routed by hash without reloads.
// Blades whose real counterpart is a React view (Entra users list, user
// profile, Roles and administrators) are cross-origin iframes on
// sandbox-1.reactblade.portal.azure.net, as on the real portal.
// `?layout=2017` renders the 2017 portal the seed article describes
// (Browse > Azure Active Directory > Users and groups > ORGANIZATIONAL ROLE),
// with its blades in the top frame, as they were then.
// On entra.microsoft.com the same shell is the Microsoft Entra admin center:
// same blades and hash routes, its own title and a left navigation that is
// always shown ("Entra ID > Users"; `?nav=identity` gives the older
// "Identity > Users > All users").
// Issue 9 adds: the home page of an account without a subscription ("Welcome
// to Azure!", "Start with an Azure free trial"), Subscriptions (grid with
// "My role"), a subscription's Overview with "Change directory" and its pane,
// and Help + support > Create a support request.
(function () {
  'use strict';

  var D = window.CONTOSO;
  var params = new URLSearchParams(location.search);
  var LAYOUT_2017 = params.get('layout') === '2017';
  var SANDBOX = 'https://sandbox-1.reactblade.portal.azure.net';
  var ENTRA_HOST = location.hostname === 'entra.microsoft.com';
  var ENTRA_NAV_OLD = params.get('nav') === 'identity';
  var SIGNUP = 'https://signup.azure.com/signup?offer=ms-azr-0044p&appId=102';

  // The signed-in account: the sign-in replica hands it back as login_hint.
  var hint = params.get('login_hint');
  if (hint && D.byUpn(hint)) localStorage.setItem('portal.account', hint.toLowerCase());
  var account = D.byUpn(localStorage.getItem('portal.account')) || D.users[0];
  var alias = account.upn.split('@')[0];

  // The subscriptions this account holds an Azure RBAC role on; a directory
  // change made in this browser is remembered (localStorage), as the real
  // subscription keeps its new directory.
  function directoryOf(sub) { return localStorage.getItem('portal.subdir.' + sub.id) || sub.directory; }
  function mySubscriptions() { return D.subscriptions.filter(function (x) { return !!x.roles[alias]; }); }
  function subById(id) {
    for (var i = 0; i < D.subscriptions.length; i++) if (D.subscriptions[i].id === id && D.subscriptions[i].roles[alias]) return D.subscriptions[i];
    return null;
  }
  var HOME_DIRECTORY = D.tenantName + ' (' + D.domain + ')';

  // Display language. The portal shows the user's language and hands it to
  // every extension it loads (Azure/portaldocs, localization: "display
  // language" and "format culture", a raw locale such as `de.de-de`); the
  // `l` query parameter chooses it, as public portal links write it
  // (`https://portal.azure.com/?l=en.en-us#…`, `?l=ja.ja-jp`). `?l=de.de-de`
  // gives the German replica: <html lang="de"> and the German words below
  // (MicrosoftDocs de-DE mirrors where they name them; the rest are the
  // usual German UI words, assumed). Words not listed stay English. The
  // blade frames get the same `l` (reactFrame), as extensions get the
  // portal's language.
  var RAW_LOCALE = params.get('l') || 'en.en-us';
  var LANG = RAW_LOCALE.split('.')[0].split('-')[0].toLowerCase() === 'de' ? 'de' : 'en';
  // Only the German variant touches <html lang>: the English page stays as served.
  if (LANG === 'de') document.documentElement.setAttribute('lang', 'de');
  var GERMAN = {
    // Shell (learn-de: azure-portal-overview.md, tutorial-restrict-network-access-to-resources.md).
    'Search resources, services, and docs (G+/)': 'Ressourcen, Dienste und Dokumente durchsuchen (G+/)',
    'Show portal menu': 'Portalmen\u00FC anzeigen', 'Account menu': 'Kontomen\u00FC',
    'Search results': 'Suchergebnisse', 'Services': 'Dienste', 'Service': 'Dienst', 'Documentation': 'Dokumentation',
    'No results were found.': 'Es wurden keine Ergebnisse gefunden.', 'What is Microsoft Entra ID?': 'Was ist Microsoft Entra ID?',
    'Sign out': 'Abmelden', 'View account': 'Konto anzeigen', 'Directory': 'Verzeichnis', 'Switch directory': 'Verzeichnis wechseln',
    'Notifications': 'Benachrichtigungen', 'Settings': 'Einstellungen', 'Portal menu': 'Portalmen\u00FC',
    'Create a resource': 'Ressource erstellen', 'Home': 'Startseite', 'All services': 'Alle Dienste', 'Favorites': 'Favoriten',
    'All resources': 'Alle Ressourcen', 'Resource groups': 'Ressourcengruppen', 'Subscriptions': 'Abonnements',
    'Help + support': 'Hilfe und Support', 'Cost Management + Billing': 'Kostenverwaltung und Abrechnung',
    'Azure services': 'Azure-Dienste', 'More services': 'Weitere Dienste', 'Cost Management': 'Kostenverwaltung', 'Navigate': 'Navigieren',
    'Breadcrumb': 'Breadcrumb', 'Close': 'Schlie\u00DFen', 'Loading\u2026': 'Wird geladen\u2026', 'Search': 'Suchen', 'Resource menu': 'Ressourcenmen\u00FC',
    // Microsoft Entra ID and its users (learn-de: active-directory-users-assign-role-azure-portal.md,
    // add-users-azure-active-directory.md, list-role-assignments-users.md).
    'Overview': '\u00DCbersicht', 'Preview features': 'Vorschaufeatures', 'Diagnose and solve problems': 'Probleme diagnostizieren und beheben',
    'Manage': 'Verwalten', 'Users': 'Benutzer', 'Groups': 'Gruppen', 'External Identities': 'Externe Identit\u00E4ten',
    'Roles and administrators': 'Rollen und Administratoren', 'Administrative units': 'Verwaltungseinheiten',
    'Enterprise applications': 'Unternehmensanwendungen', 'App registrations': 'App-Registrierungen', 'Licenses': 'Lizenzen',
    'Custom domain names': 'Benutzerdefinierte Dom\u00E4nennamen', 'Monitoring': '\u00DCberwachung', 'Sign-in logs': 'Anmeldeprotokolle',
    'Audit logs': '\u00DCberwachungsprotokolle', '+ Add': '+ Hinzuf\u00FCgen', 'Manage tenants': 'Mandanten verwalten',
    'What\u2019s new': 'Neuigkeiten', 'Basic information': 'Grundlegende Informationen', 'Tenant ID': 'Mandanten-ID',
    'Primary domain': 'Prim\u00E4re Dom\u00E4ne', 'License': 'Lizenz', 'All users': 'Alle Benutzer', 'Deleted users': 'Gel\u00F6schte Benutzer',
    'Password reset': 'Kennwortzur\u00FCcksetzung', 'User settings': 'Benutzereinstellungen', 'Bulk operation results': 'Ergebnisse von Massenvorg\u00E4ngen',
    'User': 'Benutzer', 'Custom security attributes': 'Benutzerdefinierte Sicherheitsattribute', 'Assigned roles': 'Zugewiesene Rollen',
    'Applications': 'Anwendungen', 'Devices': 'Ger\u00E4te', 'Azure role assignments': 'Azure-Rollenzuweisungen',
    'Authentication methods': 'Authentifizierungsmethoden',
  };
  // A word of the table, or each " | " part of a title ("Contoso | Overview").
  function T(s) {
    if (LANG !== 'de' || typeof s !== 'string') return s;
    if (Object.prototype.hasOwnProperty.call(GERMAN, s)) return GERMAN[s];
    return s.indexOf(' | ') > 0 ? s.split(' | ').map(T).join(' | ') : s;
  }
  // The shared builder, with the page's words in its language: text,
  // labels, titles, placeholders and text children.
  var hBase = window.ReplicaDom.h;
  var h = LANG === 'en' ? hBase : function (tag, attrs) {
    var a = attrs;
    if (attrs) {
      a = {};
      for (var k in attrs) a[k] = /^(text|aria-label|title|placeholder)$/.test(k) ? T(attrs[k]) : attrs[k];
    }
    var args = [tag, a];
    for (var i = 2; i < arguments.length; i++) args.push(typeof arguments[i] === 'string' ? T(arguments[i]) : arguments[i]);
    return hBase.apply(null, args);
  };
  function later(ms, fn) { return setTimeout(fn, ms); }

  // ---------------------------------------------------------------- routes
  var V = {
    home: '#home',
    entraOverview: '#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview',
    allUsers: '#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers',
    profile: function (id) { return '#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/' + id; },
    assignedRoles: function (id) { return '#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/AdministrativeRole/userId/' + id; },
    roles: '#view/Microsoft_AAD_IAM/AllRolesBlade',
    subscriptions: '#view/Microsoft_Azure_Billing/SubscriptionsBladeV2',
    subscription: function (id, section) { return '#@' + D.domain + '/resource/subscriptions/' + id + '/' + (section || 'overview'); },
    help: '#view/Microsoft_Azure_Support/HelpAndSupportBlade/~/overview',
    newSupport: '#view/Microsoft_Azure_Support/NewSupportRequestV3Blade',
  };
  var B = {
    subscriptions: '#blade/Microsoft_Azure_Billing/SubscriptionsBlade',
    help: '#blade/Microsoft_Azure_Support/HelpAndSupportBlade',
    entraOverview: '#blade/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/Overview',
    allUsers: '#blade/Microsoft_AAD_IAM/UsersManagementMenuBlade/AllUsers',
    profile: function (id) { return '#blade/Microsoft_AAD_IAM/UserDetailsMenuBlade/Profile/userId/' + id; },
    directoryRole: function (id) { return '#blade/Microsoft_AAD_IAM/UserDetailsMenuBlade/DirectoryRole/userId/' + id; },
  };

  function parseRoute(hash) {
    var m;
    hash = hash || '';
    if (hash === '' || hash === '#' || hash === '#home') return { name: 'home' };
    if ((m = /^#(?:view|blade)\/Microsoft_AAD_IAM\/ActiveDirectoryMenuBlade(?:\/~)?\/(\w+)/.exec(hash))) {
      if (/^RolesAndAdministrators$/i.test(m[1])) return { name: 'roles' };
      if (/^(UserManagement|Users|AllUsers)$/i.test(m[1])) return { name: 'allUsers' };
      return { name: 'entraOverview' };
    }
    if (/^#(?:view|blade)\/Microsoft_AAD_(?:UsersAndTenants|IAM)\/User(?:s)?ManagementMenuBlade/.test(hash)) return { name: 'allUsers' };
    if ((m = /^#view\/Microsoft_AAD_UsersAndTenants\/UserProfileMenuBlade\/~\/(\w+)\/userId\/([\w-]+)/.exec(hash))) {
      return { name: /^AdministrativeRole$/i.test(m[1]) ? 'assignedRoles' : 'profile', id: m[2] };
    }
    if ((m = /^#blade\/Microsoft_AAD_IAM\/UserDetailsMenuBlade\/(\w+)\/userId\/([\w-]+)/.exec(hash))) {
      return { name: /^DirectoryRole$/i.test(m[1]) ? 'assignedRoles' : 'profile', id: m[2] };
    }
    if (/^#view\/Microsoft_AAD_IAM\/AllRolesBlade/.test(hash) || /^#blade\/Microsoft_AAD_IAM\/RolesManagementMenuBlade/.test(hash)) return { name: 'roles' };
    if (/^#(?:view|blade)\/Microsoft_Azure_Billing\/SubscriptionsBlade/.test(hash)) return { name: 'subscriptions' };
    if ((m = /^#(?:@[\w.-]+\/)?resource\/subscriptions\/([\w-]+)(?:\/(\w+))?/.exec(hash))) return { name: 'subscription', id: m[1], section: /^users$/i.test(m[2] || '') ? 'users' : 'overview' };
    if (/^#(?:view|blade)\/Microsoft_Azure_Support\/HelpAndSupportBlade/.test(hash)) return { name: 'help' };
    if (/^#(?:view|blade|create)\/Microsoft_Azure_Support\/NewSupportRequest/.test(hash)) return { name: 'newSupport' };
    return { name: 'notfound' };
  }

  // The real portal rewrites old #blade/ deep links to their #view/ form.
  function canonical(route) {
    var T = LAYOUT_2017 ? B : V;
    switch (route.name) {
      case 'home': return '#home';
      case 'entraOverview': return T.entraOverview;
      case 'allUsers': return T.allUsers;
      case 'profile': return T.profile(route.id);
      case 'assignedRoles': return LAYOUT_2017 ? B.directoryRole(route.id) : V.assignedRoles(route.id);
      case 'roles': return V.roles;
      case 'subscriptions': return LAYOUT_2017 ? B.subscriptions : V.subscriptions;
      case 'subscription': return V.subscription(route.id, route.section);
      case 'help': return LAYOUT_2017 ? B.help : V.help;
      case 'newSupport': return V.newSupport;
      default: return null;
    }
  }

  // ---------------------------------------------------------------- shell
  var main, flyout, sidebar, browseFlyout, searchResults, searchInput;

  var SERVICES = [
    { name: 'Microsoft Entra ID', keywords: 'azure active directory aad entra identity directory tenant', hash: function () { return LAYOUT_2017 ? B.entraOverview : V.entraOverview; } },
    { name: 'Users', keywords: 'users people accounts entra', hash: function () { return LAYOUT_2017 ? B.allUsers : V.allUsers; } },
    { name: 'Subscriptions', keywords: 'billing subscription', hash: function () { return LAYOUT_2017 ? B.subscriptions : V.subscriptions; } },
    { name: 'Help + support', keywords: 'help support ticket request contact', hash: function () { return LAYOUT_2017 ? B.help : V.help; } },
    { name: 'Resource groups', keywords: 'rg resource group', hash: function () { return '#home'; } },
    { name: 'Microsoft Entra roles and administrators', keywords: 'roles administrators your role directory role', hash: function () { return V.roles; } },
    { name: 'Cost Management + Billing', keywords: 'billing cost invoice', hash: function () { return '#home'; } },
  ];

  function buildTopbar() {
    var toggleMenu = function () {
      sidebar.hidden = !sidebar.hidden;
      menuBtn.setAttribute('aria-expanded', String(!sidebar.hidden));
    };
    var menuBtn = h('button', { class: 'fxs-topbar-menu-button fxs-has-hover', type: 'button', 'aria-label': 'Show portal menu', title: 'Show portal menu', 'aria-expanded': 'false', onclick: toggleMenu }, '\u2630');
    searchInput = h('input', {
      class: 'azc-input azc-formControl fxs-search-input', type: 'text', role: 'searchbox', autocomplete: 'off', spellcheck: 'false',
      'aria-label': LAYOUT_2017 ? 'Search resources' : 'Search resources, services, and docs (G+/)',
      placeholder: LAYOUT_2017 ? 'Search resources' : 'Search resources, services, and docs (G+/)',
      'aria-expanded': 'false', 'aria-autocomplete': 'list',
    });
    searchResults = h('div', { class: 'fxs-search-results fxs-menu', role: 'listbox', 'aria-label': 'Search results', hidden: true });
    var timer = null;
    searchInput.addEventListener('input', function () {
      clearTimeout(timer);
      // Results arrive from the search service a moment later.
      timer = later(300, function () { renderResults(searchInput.value); });
    });
    searchInput.addEventListener('keydown', function (e) {
      if (e.key === 'Enter') {
        var first = searchResults.querySelector('a.fxs-menu-result-link');
        if (first) { e.preventDefault(); first.click(); }
      } else if (e.key === 'Escape') {
        closeResults();
      }
    });
    document.addEventListener('keydown', function (e) {
      if (e.key === '/' && e.target === document.body && !LAYOUT_2017) { e.preventDefault(); searchInput.focus(); }
    });
    document.addEventListener('click', function (e) {
      if (!searchResults.contains(e.target) && e.target !== searchInput) closeResults();
      if (!flyout.contains(e.target) && !avatarBtn.contains(e.target)) { flyout.hidden = true; avatarBtn.setAttribute('aria-expanded', 'false'); }
    });

    var avatarBtn = h('button', {
      class: 'fxs-avatarmenu-header fxs-has-hover', type: 'button', 'aria-label': 'Account menu', title: account.upn,
      'aria-haspopup': 'true', 'aria-expanded': 'false',
      onclick: function () {
        flyout.hidden = !flyout.hidden;
        avatarBtn.setAttribute('aria-expanded', String(!flyout.hidden));
      },
    },
      h('div', { class: 'fxs-avatarmenu-tenant-container' },
        h('div', { class: 'fxs-avatarmenu-username', text: account.upn }),
        h('div', { class: 'fxs-avatarmenu-tenant', text: D.tenantName.toUpperCase() })),
      h('div', { class: 'fxs-avatarmenu-tenant-image-container' },
        h('span', { class: 'fxs-avatarmenu-tenant-image', role: 'img', 'aria-label': account.displayName })));

    flyout = h('div', { class: 'fxs-mecontrol-flyout', hidden: true },
      h('div', { class: 'mectrl_header' }, h('span', { text: D.tenantName }), ' ', h('a', { href: '#home', text: 'Sign out' })),
      h('div', { class: 'mectrl_accountDetails' },
        h('div', { id: 'mectrl_currentAccount_primary', class: 'mectrl_name', text: account.displayName }),
        h('div', { id: 'mectrl_currentAccount_secondary', class: 'mectrl_truncate', text: account.upn }),
        h('a', { href: '#home', text: 'View account' })),
      h('div', { class: 'fxs-avatarmenu-directory' },
        h('div', { class: 'fxs-avatarmenu-directory-label', text: 'Directory' }),
        h('div', { class: 'fxs-avatarmenu-directory-name', text: D.tenantName + ' (' + D.domain + ')' }),
        h('a', { href: '#home', text: 'Switch directory' })));

    var right = h('div', { class: 'fxs-topbar-right' },
      h('button', { type: 'button', class: 'fxs-topbar-cloudshell', 'aria-label': 'Cloud Shell', title: 'Cloud Shell' }, '>_'),
      h('button', { type: 'button', class: 'fxs-topbar-notifications', 'aria-label': 'Notifications', title: 'Notifications' }, '\uD83D\uDD14'),
      h('button', { type: 'button', class: 'fxs-topbar-settings', 'aria-label': 'Settings', title: 'Settings' }, '\u2699'),
      avatarBtn);

    var bar = h('header', { class: 'fxs-topbar', role: 'banner' },
      LAYOUT_2017 || ENTRA_HOST ? null : menuBtn,
      h('a', { class: 'fxs-topbar-home', href: '#home', text: ENTRA_HOST ? 'Microsoft Entra admin center' : 'Microsoft Azure' }),
      h('div', { class: 'fxs-topbar-search fxs-search', role: 'search' },
        h('span', { class: 'fxs-search-icon', 'aria-hidden': 'true' }, '\u2315'), searchInput, searchResults),
      right);
    document.body.appendChild(bar);
    document.body.appendChild(flyout);
  }

  function closeResults() {
    searchResults.hidden = true;
    searchInput.setAttribute('aria-expanded', 'false');
  }

  function renderResults(q) {
    q = q.trim().toLowerCase();
    while (searchResults.firstChild) searchResults.removeChild(searchResults.firstChild);
    if (!q) { closeResults(); return; }
    var hits = SERVICES.filter(function (s) {
      return s.name.toLowerCase().indexOf(q) >= 0 || s.keywords.indexOf(q) >= 0;
    });
    var list = h('ul', { class: 'fxs-menu-result-group', role: 'group', 'aria-label': 'Services' });
    hits.forEach(function (s, i) {
      list.appendChild(h('li', { class: 'fxs-menu-result', role: 'option', 'aria-selected': i === 0 ? 'true' : 'false' },
        h('a', { class: 'fxs-menu-result-link', href: s.hash(), onclick: function () { searchInput.value = ''; closeResults(); } },
          h('span', { class: 'fxs-menu-result-icon', 'aria-hidden': 'true' }),
          h('div', { class: 'fxs-menu-result-text' },
            h('div', { class: 'fxs-menu-result-text-primary' }, h('div', { text: s.name })),
            h('div', { class: 'fxs-menu-result-text-secondary', text: 'Service' })))));
    });
    searchResults.appendChild(h('div', { class: 'fxs-menu-result-group-title', text: hits.length ? 'Services' : 'No results were found.' }));
    searchResults.appendChild(list);
    searchResults.appendChild(h('div', { class: 'fxs-menu-result-group-title', text: 'Documentation' }));
    searchResults.appendChild(h('ul', { class: 'fxs-menu-result-group', role: 'group', 'aria-label': 'Documentation' },
      h('li', { class: 'fxs-menu-result', role: 'option' }, h('a', { class: 'fxs-menu-result-link', href: '#home' },
        h('div', { class: 'fxs-menu-result-text' }, h('div', { class: 'fxs-menu-result-text-primary' }, h('div', { text: 'What is Microsoft Entra ID?' })))))));
    searchResults.hidden = false;
    searchInput.setAttribute('aria-expanded', 'true');
  }

  function sideItem(label, href) {
    return h('li', { class: 'fxs-sidebar-item', role: 'listitem' },
      h('a', { class: 'fxs-sidebar-item-link', href: href, onclick: function () { if (!LAYOUT_2017) sidebar.hidden = true; } },
        h('span', { class: 'fxs-sidebar-icon', 'aria-hidden': 'true' }),
        h('span', { class: 'fxs-sidebar-label', text: label })));
  }

  function buildSidebar() {
    if (LAYOUT_2017) {
      browseFlyout = h('div', { class: 'fxs-browse-flyout', hidden: true, role: 'region', 'aria-label': 'Browse' },
        h('input', { type: 'text', placeholder: 'Filter', 'aria-label': 'Filter' }),
        h('ul', { class: 'fxs-menu-list' },
          ['All resources', 'Resource groups', 'App Services', 'Virtual machines', 'Azure Active Directory', 'Subscriptions', 'Cost Management + Billing', 'Storage accounts'].map(function (n) {
            var href = n === 'Azure Active Directory' ? B.entraOverview : n === 'Subscriptions' ? B.subscriptions : '#home';
            return h('li', { class: 'fxs-browse-item' }, h('a', { href: href, onclick: function () { browseFlyout.hidden = true; } , text: n }));
          })));
      sidebar = h('nav', { class: 'fxs-sidebar', 'aria-label': 'Portal menu' },
        h('ul', { class: 'fxs-menu-list' },
          sideItem('New', '#home'),
          h('li', { class: 'fxs-sidebar-item' },
            h('button', { type: 'button', class: 'fxs-sidebar-item-link fxs-sidebar-browse', style: null, onclick: function () { browseFlyout.hidden = !browseFlyout.hidden; } },
              h('span', { class: 'fxs-sidebar-icon', 'aria-hidden': 'true' }), h('span', { class: 'fxs-sidebar-label', text: 'Browse' }), ' >')),
          sideItem('Resource groups', '#home'),
          sideItem('All resources', '#home'),
          sideItem('Recent', '#home'),
          sideItem('Virtual machines', '#home'),
          sideItem('Subscriptions', B.subscriptions),
          sideItem('Help + support', B.help)));
      document.body.appendChild(sidebar);
      document.body.appendChild(browseFlyout);
      document.documentElement.classList.add('fxs-mode-2017');
      return;
    }
    if (ENTRA_HOST) { buildEntraNav(); return; }
    sidebar = h('nav', { class: 'fxs-sidebar', 'aria-label': 'Portal menu', hidden: true },
      h('ul', { class: 'fxs-menu-list' },
        sideItem('Create a resource', '#home'),
        sideItem('Home', '#home'),
        sideItem('Dashboard', '#home'),
        sideItem('All services', '#home')),
      h('div', { class: 'fxs-sidebar-section', text: 'Favorites' }),
      h('ul', { class: 'fxs-menu-list' },
        sideItem('All resources', '#home'),
        sideItem('Resource groups', '#home'),
        sideItem('Microsoft Entra ID', V.entraOverview),
        sideItem('Subscriptions', V.subscriptions),
        sideItem('Cost Management + Billing', '#home')),
      h('ul', { class: 'fxs-menu-list' },
        sideItem('Help + support', V.help)));
    document.body.appendChild(sidebar);
  }

  // The Entra admin center's left navigation (MicrosoftDocs/entra-docs:
  // "Entra ID > Users" today, "Identity > Users > All users" and
  // "Identity > Roles & admins > Roles & admins" in the older layout). A tree:
  // groups expand in place; links route by hash like the rest of the shell.
  function buildEntraNav() {
    var r = parseRoute(location.hash);
    var inEntra = /^(entraOverview|allUsers|profile|assignedRoles|roles)$/.test(r.name);
    // Fluent's tree: the item itself (the link, or a group's toggle) is
    // the treeitem; the list items around them are layout only.
    function link(label, href) {
      return h('li', { class: 'fxs-sidebar-item', role: 'none' },
        h('a', { class: 'fxs-sidebar-item-link', role: 'treeitem', href: href }, h('span', { class: 'fxs-sidebar-label', text: label })));
    }
    // A group renders its items only while expanded (a React tree adds and
    // removes them; it does not just hide them).
    function group(label, expanded, children) {
      var list = h('ul', { class: 'fxs-menu-list fxs-sidebar-group', role: 'group' }, expanded ? children : null);
      var btn = h('button', {
        type: 'button', class: 'fxs-sidebar-item-link fxs-sidebar-group-toggle', role: 'treeitem', 'aria-expanded': String(expanded),
        onclick: function () {
          var open = btn.getAttribute('aria-expanded') !== 'true';
          while (list.firstChild) list.removeChild(list.firstChild);
          if (open) children.forEach(function (c) { list.appendChild(c); });
          btn.setAttribute('aria-expanded', String(open));
        },
      }, h('span', { class: 'fxs-sidebar-label', text: label }));
      return h('li', { class: 'fxs-sidebar-item', role: 'none' }, btn, list);
    }
    var idChildren = ENTRA_NAV_OLD
      ? [link('Overview', V.entraOverview),
        group('Users', r.name === 'allUsers' || r.name === 'profile' || r.name === 'assignedRoles', [link('All users', V.allUsers), link('Deleted users', V.allUsers), link('User settings', V.allUsers)]),
        group('Groups', false, [link('All groups', V.entraOverview)]),
        group('Devices', false, [link('All devices', V.entraOverview)]),
        group('Applications', false, [link('Enterprise applications', V.entraOverview), link('App registrations', V.entraOverview)]),
        group('Roles & admins', r.name === 'roles', [link('Roles & admins', V.roles), link('Admin units', V.roles)])]
      : [link('Overview', V.entraOverview), link('Users', V.allUsers), link('Groups', V.entraOverview), link('Devices', V.entraOverview),
        link('Enterprise apps', V.entraOverview), link('App registrations', V.entraOverview), link('Roles & admins', V.roles), link('Domain names', V.entraOverview)];
    sidebar = h('nav', { class: 'fxs-sidebar fxs-sidebar-docked', 'aria-label': 'Navigation' },
      h('ul', { class: 'fxs-menu-list', role: 'tree', 'aria-label': 'Navigation' },
        link('Home', '#home'),
        link('What\u2019s new', '#home'),
        link('Diagnose & solve problems', '#home'),
        group('Favorites', false, [link('Conditional Access', '#home')]),
        group(ENTRA_NAV_OLD ? 'Identity' : 'Entra ID', inEntra, idChildren),
        group(ENTRA_NAV_OLD ? 'Protection' : 'ID Protection', false, [link('Conditional Access', '#home')]),
        group(ENTRA_NAV_OLD ? 'Identity governance' : 'ID Governance', false, [link('Privileged Identity Management', '#home')]),
        group('Learn & support', false, [link('New support request', V.newSupport)])));
    document.body.appendChild(sidebar);
    document.documentElement.classList.add('fxs-entra-admin-center');
  }

  // ---------------------------------------------------------------- blades
  function crumbs(list) {
    return h('nav', { class: 'fxs-breadcrumb', 'aria-label': 'Breadcrumb' },
      h('ol', null, list.map(function (c, i) {
        var cls = 'fxs-breadcrumb-crumb fxs-portal-text' + (i === list.length - 1 ? ' fxs-breadcrumb-crumb-active' : '');
        return h('li', null, h('a', { class: cls, href: c[1], text: c[0] }));
      })));
  }

  function menu(groups, selected) {
    var nav = h('nav', { class: 'fxs-menublade-menu', 'aria-label': 'Resource menu' },
      h('input', { type: 'text', placeholder: 'Search', 'aria-label': 'Search' }));
    groups.forEach(function (g) {
      if (g.label) nav.appendChild(h('div', { class: 'fxs-menu-group-label', text: g.label }));
      nav.appendChild(h('ul', { class: 'fxs-menu-list', role: 'tree', 'aria-label': g.label || 'Menu' }, g.items.map(function (it) {
        return h('li', { class: 'fxs-menu-item', role: 'treeitem', 'aria-selected': it[0] === selected ? 'true' : 'false' },
          h('a', { class: 'fxs-menu-item-link', href: it[1] }, h('div', { class: 'fxs-menu-item-text', text: it[0] })));
      })));
    });
    return nav;
  }

  function blade(title, subtitle, body) {
    return h('section', { class: 'fxs-blade fxs-stacklayout-child fxs-blade-maximized', role: 'region', 'aria-label': title },
      h('header', { class: 'fxs-blade-header' },
        h('div', { class: 'fxs-blade-title' },
          h('h2', { class: 'fxs-blade-title-titleText msportalfx-tooltip-overflow', text: title }),
          subtitle ? h('div', { class: 'fxs-blade-title-subtitle', text: subtitle }) : null),
        h('button', { class: 'fxs-blade-close', type: 'button', 'aria-label': 'Close', title: 'Close', onclick: function () { location.hash = '#home'; } }, '\u2715')),
      h('div', { class: 'fxs-blade-content' }, body));
  }

  function reactFrame(view, title, extra) {
    var q = new URLSearchParams({ view: view, theme: 'light', l: RAW_LOCALE, trustedAuthority: location.origin });
    if (extra) for (var k in extra) q.set(k, extra[k]);
    var f = h('iframe', { class: 'fxs-part-frame fxs-reactview-frame', title: title, name: 'reactview-' + view, src: SANDBOX + '/ReactView/Index?' + q.toString() });
    return f;
  }

  // Messages from the blade frames: the React view asks the shell to open
  // a blade (BladeLink) or for its context (who is signed in).
  window.addEventListener('message', function (e) {
    if (!/^https:\/\/sandbox-\d+\.reactblade(-ms|-rc)?\.portal\.azure\.net$/.test(e.origin)) return;
    var m = e.data || {};
    if (m.kind === 'openBlade' && typeof m.hash === 'string' && m.hash.charAt(0) === '#') {
      location.hash = m.hash;
    } else if (m.kind === 'ready' && e.source) {
      e.source.postMessage({ kind: 'init', account: account.upn, tenant: D.tenantName }, e.origin);
    }
  });

  function entraMenu(selected) {
    return menu([
      { items: [['Overview', V.entraOverview], ['Preview features', V.entraOverview], ['Diagnose and solve problems', V.entraOverview]] },
      { label: 'Manage', items: [['Users', V.allUsers], ['Groups', V.entraOverview], ['External Identities', V.entraOverview], ['Roles and administrators', V.roles], ['Administrative units', V.entraOverview], ['Enterprise applications', V.entraOverview], ['App registrations', V.entraOverview], ['Licenses', V.entraOverview], ['Custom domain names', V.entraOverview]] },
      { label: 'Monitoring', items: [['Sign-in logs', V.entraOverview], ['Audit logs', V.entraOverview]] },
    ], selected);
  }

  function userMenu(u, selected) {
    return menu([
      { items: [['Overview', V.profile(u.id)], ['Audit logs', V.profile(u.id)], ['Sign-in logs', V.profile(u.id)], ['Diagnose and solve problems', V.profile(u.id)]] },
      { label: 'Manage', items: [['Custom security attributes', V.profile(u.id)], ['Assigned roles', V.assignedRoles(u.id)], ['Administrative units', V.profile(u.id)], ['Groups', V.profile(u.id)], ['Applications', V.profile(u.id)], ['Licenses', V.profile(u.id)], ['Devices', V.profile(u.id)], ['Azure role assignments', V.profile(u.id)], ['Authentication methods', V.profile(u.id)]] },
    ], selected);
  }

  var views = {
    home: function () {
      var services = [['Create a resource', '#home'], ['Microsoft Entra ID', LAYOUT_2017 ? B.entraOverview : V.entraOverview], ['Subscriptions', LAYOUT_2017 ? B.subscriptions : V.subscriptions], ['Resource groups', '#home'], ['All resources', '#home'], ['Cost Management', '#home'], ['More services', '#home']];
      if (ENTRA_HOST) {
        return h('div', { class: 'fxs-home' },
          h('h2', { text: 'Welcome to the Microsoft Entra admin center' }),
          h('dl', { class: 'fxs-essentials' },
            h('dt', { text: 'Tenant' }), h('dd', { text: D.tenantName }),
            h('dt', { text: 'Primary domain' }), h('dd', { text: D.domain }),
            h('dt', { text: 'License' }), h('dd', { text: D.license })));
      }
      // An account without a subscription: "Welcome to Azure!" and its
      // three offers (public walkthroughs of the portal home; the offer
      // text is Azure's free account offer).
      var welcome = (LAYOUT_2017 || mySubscriptions().length) ? null : h('div', { class: 'fxs-home-welcome' },
        h('h2', { text: 'Welcome to Azure!' }),
        h('p', { text: 'Don\u2019t have a subscription? Check out the following options.' }),
        h('div', { class: 'fxs-home-welcome-cards' },
          h('div', { class: 'fxs-home-welcome-card' },
            h('h3', { text: 'Start with an Azure free trial' }),
            h('p', { text: 'Get $200 free credit toward Azure products and services, plus 12 months of popular free services.' }),
            h('a', { class: 'fxs-button fxs-button-primary', href: SIGNUP, role: 'button', text: 'Start' })),
          h('div', { class: 'fxs-home-welcome-card' },
            h('h3', { text: 'Manage Microsoft Entra ID' }),
            h('p', { text: 'Manage access, set smart policies, and enhance security with Microsoft Entra ID.' }),
            h('a', { class: 'fxs-button', href: V.entraOverview, role: 'button', text: 'View' })),
          h('div', { class: 'fxs-home-welcome-card' },
            h('h3', { text: 'Access student benefits' }),
            h('p', { text: 'Get free software, Azure credit, or access Azure Dev Tools for Teaching after you verify your academic status.' }),
            h('a', { class: 'fxs-button', href: '#home', role: 'button', text: 'Explore' }))));
      return h('div', { class: 'fxs-home' },
        welcome,
        h('h2', { text: 'Azure services' }),
        h('ul', { class: 'fxs-home-services' }, services.map(function (s) {
          return h('li', { class: 'fxs-home-service' }, h('a', { href: s[1], 'aria-label': s[0] }, h('span', { class: 'fxs-home-service-icon', 'aria-hidden': 'true' }), h('span', { text: s[0] })));
        })),
        h('h2', { text: 'Resources' }),
        h('div', { class: 'fxs-home-resources' },
          h('p', { text: 'No resources to display' }),
          h('p', { text: 'Try creating a resource or browse the Azure services above.' })),
        h('h2', { text: 'Navigate' }),
        h('p', null, h('a', { href: LAYOUT_2017 ? B.subscriptions : V.subscriptions, text: 'Subscriptions' }), ' \u00B7 ', h('a', { href: '#home', text: 'Resource groups' }), ' \u00B7 ', h('a', { href: '#home', text: 'All resources' })));
    },

    entraOverview: function () {
      if (LAYOUT_2017) {
        return [crumbs([['Home', '#home'], [D.tenantName, B.entraOverview]]),
          blade(D.tenantName, 'Azure Active Directory', [
            menu([
              { items: [['Overview', B.entraOverview], ['Quick start', B.entraOverview]] },
              { label: 'Manage', items: [['Users and groups', B.allUsers], ['Enterprise applications', B.entraOverview], ['App registrations', B.entraOverview], ['Azure AD Connect', B.entraOverview], ['Custom domain names', B.entraOverview], ['Licenses', B.entraOverview], ['Properties', B.entraOverview]] },
            ], 'Overview'),
            h('div', { class: 'fxs-blade-main' },
              h('h3', { text: D.tenantName }),
              h('dl', { class: 'fxs-essentials' }, h('dt', { text: 'Domain' }), h('dd', { text: D.domain }), h('dt', { text: 'Users' }), h('dd', { text: String(D.users.length) })))])];
      }
      return [crumbs([['Home', '#home']]),
        blade(D.tenantName + ' | Overview', 'Microsoft Entra ID', [
          entraMenu('Overview'),
          h('div', { class: 'fxs-blade-main' },
            h('div', { class: 'fxs-commandbar', role: 'menubar' },
              h('button', { type: 'button', role: 'menuitem', text: '+ Add' }), h('button', { type: 'button', role: 'menuitem', text: 'Manage tenants' }), h('button', { type: 'button', role: 'menuitem', text: 'What\u2019s new' })),
            h('h3', { text: 'Basic information' }),
            h('dl', { class: 'fxs-essentials' },
              h('dt', { text: 'Name' }), h('dd', { text: D.tenantName }),
              h('dt', { text: 'Tenant ID' }), h('dd', { text: D.tenantId }),
              h('dt', { text: 'Primary domain' }), h('dd', { text: D.domain }),
              h('dt', { text: 'License' }), h('dd', { text: D.license }),
              h('dt', { text: 'Users' }), h('dd', { text: String(D.users.length) })))])];
    },

    allUsers: function () {
      if (LAYOUT_2017) {
        var table = h('table', { class: 'azc-grid', role: 'grid' },
          h('thead', null, h('tr', null, h('th', { text: 'Name' }), h('th', { text: 'User name' }), h('th', { text: 'User type' }), h('th', { text: 'Source' }))),
          h('tbody', null, D.users.map(function (u) {
            return h('tr', { role: 'row', class: 'azc-grid-row' },
              h('td', null, h('a', { href: B.profile(u.id), text: u.displayName })),
              h('td', { text: u.upn }), h('td', { text: u.userType }), h('td', { text: 'Azure Active Directory' }));
          })));
        return [crumbs([['Home', '#home'], [D.tenantName, B.entraOverview], ['Users and groups - All users', B.allUsers]]),
          blade('Users and groups - All users', D.tenantName + ' - Azure Active Directory', [
            menu([{ label: 'Manage', items: [['All users', B.allUsers], ['All groups', B.allUsers], ['Deleted users', B.allUsers], ['Password reset', B.allUsers]] }], 'All users'),
            h('div', { class: 'fxs-blade-main' },
              h('div', { class: 'fxs-commandbar' }, h('button', { type: 'button', text: '+ New user' }), h('button', { type: 'button', text: 'Reset password' }), h('button', { type: 'button', text: 'Columns' })),
              table)])];
      }
      return [crumbs([['Home', '#home'], [D.tenantName, V.entraOverview]]),
        blade('Users', D.tenantName, [
          menu([
            { items: [['All users', V.allUsers], ['Audit logs', V.allUsers], ['Sign-in logs', V.allUsers], ['Diagnose and solve problems', V.allUsers]] },
            { label: 'Manage', items: [['Deleted users', V.allUsers], ['Password reset', V.allUsers], ['User settings', V.allUsers], ['Bulk operation results', V.allUsers]] },
          ], 'All users'),
          h('div', { class: 'fxs-blade-main' }, reactFrame('UsersList', 'All users'))])];
    },

    profile: function (route) {
      var u = D.byId(route.id);
      if (!u) return views.notfound();
      if (LAYOUT_2017) return legacyUser(u, 'Profile');
      return [crumbs([['Home', '#home'], [D.tenantName, V.entraOverview], ['Users', V.allUsers]]),
        blade(u.displayName, 'User', [userMenu(u, 'Overview'), h('div', { class: 'fxs-blade-main' }, reactFrame('UserProfile', u.displayName, { userId: u.id }))])];
    },

    assignedRoles: function (route) {
      var u = D.byId(route.id);
      if (!u) return views.notfound();
      if (LAYOUT_2017) return legacyUser(u, 'Directory role');
      return [crumbs([['Home', '#home'], [D.tenantName, V.entraOverview], ['Users', V.allUsers], [u.displayName, V.profile(u.id)]]),
        blade(u.displayName + ' | Assigned roles', 'User', [userMenu(u, 'Assigned roles'), h('div', { class: 'fxs-blade-main' }, reactFrame('AssignedRoles', 'Assigned roles', { userId: u.id }))])];
    },

    roles: function () {
      return [crumbs([['Home', '#home'], [D.tenantName, V.entraOverview]]),
        blade('Roles and administrators | All roles', D.tenantName, [
          menu([
            { items: [['All roles', V.roles], ['Protected actions', V.roles], ['Diagnose and solve problems', V.roles]] },
            { label: 'Activity', items: [['Access reviews', V.roles], ['Audit logs', V.roles]] },
          ], 'All roles'),
          h('div', { class: 'fxs-blade-main' }, reactFrame('AllRoles', 'Roles and administrators'))])];
    },

    subscriptions: function () {
      var subs = mySubscriptions();
      var cols = ['Subscription name', 'Subscription ID', 'My role', 'Current cost', 'Secure score', 'Parent management group'];
      var body = subs.length
        ? subs.map(function (x) {
          return h('tr', { role: 'row', class: 'azc-grid-row' },
            h('td', { role: 'gridcell' }, h('a', { href: V.subscription(x.id), text: x.name })),
            h('td', { role: 'gridcell', text: x.id }),
            h('td', { role: 'gridcell', text: x.roles[alias] }),
            h('td', { role: 'gridcell', text: '\u2014' }),
            h('td', { role: 'gridcell', text: 'Not available' }),
            h('td', { role: 'gridcell', text: 'Tenant Root Group' }));
        })
        : [h('tr', { role: 'row' }, h('td', { role: 'gridcell', colspan: String(cols.length), class: 'azc-grid-empty', text: 'No subscriptions to display' }))];
      return [crumbs([['Home', '#home']]),
        blade('Subscriptions', D.tenantName, h('div', { class: 'fxs-blade-main' },
          h('div', { class: 'fxs-commandbar', role: 'menubar' },
            h('a', { class: 'fxs-commandbar-item', role: 'menuitem', href: SIGNUP, text: '+ Add' }),
            h('button', { type: 'button', role: 'menuitem', text: 'Manage Policies' }),
            h('button', { type: 'button', role: 'menuitem', text: 'View requests' }),
            h('button', { type: 'button', role: 'menuitem', text: 'View eligible subscriptions' }),
            h('button', { type: 'button', role: 'menuitem', text: 'Refresh' })),
          h('p', { class: 'fxs-filter-pill', text: 'Subscriptions == global filter' }),
          h('table', { class: 'azc-grid', role: 'grid', 'aria-label': 'Subscriptions' },
            h('thead', null, h('tr', { role: 'row' }, cols.map(function (c) { return h('th', { role: 'columnheader', text: c }); }))),
            h('tbody', null, body))))];
    },

    subscription: function (route) {
      var x = subById(route.id);
      if (!x) return views.notfound();
      var menuItems = [
        { items: [['Overview', V.subscription(x.id)], ['Activity log', V.subscription(x.id)], ['Access control (IAM)', V.subscription(x.id, 'users')], ['Tags', V.subscription(x.id)], ['Diagnose and solve problems', V.subscription(x.id)], ['Security', V.subscription(x.id)], ['Events', V.subscription(x.id)]] },
        { label: 'Cost Management', items: [['Cost analysis', V.subscription(x.id)], ['Budgets', V.subscription(x.id)]] },
        { label: 'Settings', items: [['Resource groups', V.subscription(x.id)], ['Resources', V.subscription(x.id)], ['Usage + quotas', V.subscription(x.id)], ['Resource providers', V.subscription(x.id)], ['Properties', V.subscription(x.id)]] },
        { label: 'Help', items: [['Support + troubleshooting', V.help]] },
      ];
      if (route.section === 'users') {
        var access = h('div', { class: 'fxs-contextpane', role: 'dialog', 'aria-label': 'My access', hidden: true },
          h('h2', { text: 'My access' }),
          h('p', { text: 'Current role assignments at this scope (this resource and inherited).' }),
          h('table', { class: 'azc-grid', role: 'grid', 'aria-label': 'Role assignments' },
            h('thead', null, h('tr', { role: 'row' }, h('th', { role: 'columnheader', text: 'Role' }), h('th', { role: 'columnheader', text: 'Scope' }))),
            h('tbody', null, h('tr', { role: 'row' }, h('td', { role: 'gridcell', text: x.roles[alias] }), h('td', { role: 'gridcell', text: 'This resource' })))),
          h('button', { type: 'button', text: 'Close', onclick: function () { access.hidden = true; } }));
        return [crumbs([['Home', '#home'], ['Subscriptions', V.subscriptions], [x.name, V.subscription(x.id)]]),
          blade(x.name + ' | Access control (IAM)', 'Subscription', [menu(menuItems, 'Access control (IAM)'),
            h('div', { class: 'fxs-blade-main' },
              h('div', { class: 'fxs-commandbar', role: 'menubar' }, h('button', { type: 'button', role: 'menuitem', text: '+ Add' }), h('button', { type: 'button', role: 'menuitem', text: 'Download role assignments' }), h('button', { type: 'button', role: 'menuitem', text: 'Refresh' })),
              h('h3', { text: 'My access' }),
              h('p', { text: 'View my level of access to this resource.' }),
              h('button', { type: 'button', class: 'fxs-button', text: 'View my access', onclick: function () { access.hidden = false; } }),
              access)])];
      }
      var dirValue = h('dd', { text: directoryOf(x) });
      var pane = changeDirectoryPane(x, dirValue);
      var json = resourceJsonPane(x);
      return [crumbs([['Home', '#home'], ['Subscriptions', V.subscriptions]]),
        blade(x.name, 'Subscription', [menu(menuItems, 'Overview'),
          h('div', { class: 'fxs-blade-main' },
            h('div', { class: 'fxs-commandbar', role: 'menubar' },
              h('button', { type: 'button', role: 'menuitem', text: 'Cancel subscription' }),
              h('button', { type: 'button', role: 'menuitem', text: 'Rename' }),
              h('button', { type: 'button', role: 'menuitem', text: 'Change directory', onclick: function () { pane.open(); } }),
              h('button', { type: 'button', role: 'menuitem', text: 'Feedback' })),
            h('h3', { text: 'Essentials' }),
            h('p', { class: 'fxs-essentials-links' }, h('a', { href: '#', role: 'button', text: 'JSON View', onclick: function (e) { e.preventDefault(); json.open(); } })),
            h('dl', { class: 'fxs-essentials' },
              h('dt', { text: 'Subscription ID' }), h('dd', { text: x.id }),
              h('dt', { text: 'Subscription name' }), h('dd', { text: x.name }),
              h('dt', { text: 'Directory' }), dirValue,
              h('dt', { text: 'My role' }), h('dd', { text: x.roles[alias] }),
              h('dt', { text: 'Offer' }), h('dd', { text: x.offer }),
              h('dt', { text: 'Offer ID' }), h('dd', { text: x.offerId }),
              h('dt', { text: 'Status' }), h('dd', { text: 'Active' }),
              h('dt', { text: 'Parent management group' }), h('dd', { text: 'Tenant Root Group' })),
            pane.el, json.el)])];
    },

    help: function () {
      return [crumbs([['Home', '#home']]),
        blade('Help + support', null, [
          menu([{ items: [['Help + support', V.help], ['Create a support request', V.newSupport], ['All support requests', V.help], ['Service Health', V.help], ['Advisor', V.help]] }], 'Help + support'),
          h('div', { class: 'fxs-blade-main' },
            h('h3', { text: 'How can we help you?' }),
            h('input', { type: 'text', class: 'azc-input', 'aria-label': 'Describe your issue', placeholder: 'Describe your issue' }),
            h('p', null, h('a', { class: 'fxs-button fxs-button-primary', role: 'button', href: V.newSupport, text: 'Create a support request' })),
            h('h3', { text: 'Support plans' }),
            h('p', { text: 'Azure provides unlimited support for subscription management, which includes billing, quota adjustments, and account transfers. For technical support, you need a support plan.' }))])];
    },

    newSupport: function () {
      return [crumbs([['Home', '#home'], ['Help + support', V.help]]),
        blade('New support request', null, h('div', { class: 'fxs-blade-main' },
          h('div', { class: 'fxs-tabs', role: 'tablist', 'aria-label': 'New support request' },
            ['1. Problem description', '2. Recommended solution', '3. Additional details', '4. Review + create'].map(function (t, i) {
              return h('button', { type: 'button', role: 'tab', 'aria-selected': String(i === 0), text: t });
            })),
          h('h3', { text: 'Problem description' }),
          h('label', { class: 'fxs-field' }, 'Summary ', h('input', { type: 'text', class: 'azc-input', 'aria-label': 'Summary' })),
          h('label', { class: 'fxs-field' }, 'Issue type ', h('select', { 'aria-label': 'Issue type' },
            ['Select an issue type', 'Billing', 'Subscription management', 'Technical', 'Service and subscription limits (quotas)'].map(function (o) { return h('option', { text: o }); }))),
          h('p', null, h('button', { type: 'button', class: 'fxs-button fxs-button-primary', text: 'Next' }))))];
    },

    notfound: function () {
      return [crumbs([['Home', '#home']]), blade('Not found', null, h('div', { class: 'fxs-blade-main', text: 'The blade could not be found. It may have been moved or deleted.' }))];
    },
  };

  // "JSON View" (Essentials, top right): the resource's JSON, read-only, in
  // a "Resource JSON" pane drawn by the Monaco editor (MicrosoftDocs/
  // azure-docs azure-monitor/essentials/data-collection-rule-overview.md:
  // "select JSON view ... You can't edit the JSON in this view"; azure-arc
  // docs: "In the Resource JSON list, locate the identity node"). Monaco's
  // own DOM: .monaco-editor > .overflow-guard > .view-lines > .view-line,
  // tokens as span.mtkN, and a hidden textarea.inputarea for the keyboard.
  function resourceJsonPane(x) {
    var lines = JSON.stringify({
      id: '/subscriptions/' + x.id,
      authorizationSource: 'RoleBased',
      subscriptionId: x.id,
      displayName: x.name,
      state: 'Enabled',
      subscriptionPolicies: { quotaId: x.offerId, spendingLimit: 'Off' },
    }, null, 4).split('\n');
    var editor = h('div', { class: 'monaco-editor no-user-select vs', role: 'code', 'data-uri': 'inmemory://model/1' },
      h('div', { class: 'overflow-guard' },
        h('textarea', { class: 'inputarea monaco-mouse-cursor-text', 'aria-label': 'Editor content;Press Alt+F1 for Accessibility Options.', 'aria-readonly': 'true', readonly: true, autocorrect: 'off', autocapitalize: 'off', spellcheck: 'false', role: 'textbox', 'aria-multiline': 'true' }),
        h('div', { class: 'monaco-scrollable-element editor-scrollable vs', role: 'presentation' },
          h('div', { class: 'lines-content monaco-editor-background' },
            h('div', { class: 'view-lines monaco-mouse-cursor-text', role: 'presentation', 'aria-hidden': 'true' },
              lines.map(function (line) {
                return h('div', { class: 'view-line' }, h('span', null, h('span', { class: 'mtk1', text: line.replace(/ /g, '\u00a0') })));
              }))))));
    var el = h('section', { class: 'fxs-contextpane', role: 'dialog', 'aria-label': 'Resource JSON', hidden: true },
      h('h2', { text: 'Resource JSON' }),
      h('p', null, 'Resource ID ', h('code', { text: '/subscriptions/' + x.id })),
      editor,
      h('div', { class: 'fxs-contextpane-footer' }, h('button', { type: 'button', class: 'fxs-button', text: 'Close', onclick: function () { el.hidden = true; } })));
    return { el: el, open: function () { el.hidden = false; } };
  }

  // "Change directory" (MicrosoftDocs/entra-docs fundamentals/
  // how-subscriptions-associated-directory.yml): a pane with the warnings to
  // review, the directory to move to, and Change, which stays disabled until
  // a directory is chosen. The move takes a moment; then a notification says
  // so and the Overview shows the new directory.
  function changeDirectoryPane(x, dirValue) {
    var current = directoryOf(x);
    var choices = [HOME_DIRECTORY].concat(D.otherDirectories).filter(function (d) { return d !== current; });
    var select = h('select', { 'aria-label': 'To' },
      h('option', { value: '', text: 'Select a directory' }),
      choices.map(function (d) { return h('option', { value: d, text: d }); }));
    var change = h('button', { type: 'button', class: 'fxs-button fxs-button-primary', disabled: true, text: 'Change' });
    var el = h('section', { class: 'fxs-contextpane', role: 'dialog', 'aria-label': 'Change the directory', hidden: true },
      h('h2', { text: 'Change the directory' }),
      h('div', { class: 'fxs-messagebar fxs-messagebar-warning', role: 'status' },
        h('p', { text: 'Review the following before you change the directory of this subscription:' }),
        h('ul', null,
          h('li', { text: 'Users assigned roles using Azure RBAC lose their access.' }),
          h('li', { text: 'Service Administrator and Co-Administrators will lose access.' }),
          h('li', { text: 'If you have any key vaults, they\u2019ll be inaccessible, and you\u2019ll have to fix them after association.' }),
          h('li', { text: 'If you have any managed identities for resources such as Virtual Machines or Logic Apps, you must re-enable or recreate them after the association.' }))),
      h('p', null, 'From: ', h('span', { text: current })),
      h('label', { class: 'fxs-field' }, 'To ', select),
      h('div', { class: 'fxs-contextpane-footer' }, change, ' ', h('button', { type: 'button', class: 'fxs-button', text: 'Cancel', onclick: function () { el.hidden = true; } })));
    select.addEventListener('change', function () { change.disabled = !select.value; });
    change.addEventListener('click', function () {
      var to = select.value;
      if (!to) return;
      el.hidden = true;
      later(1000, function () {
        localStorage.setItem('portal.subdir.' + x.id, to);
        dirValue.textContent = to;
        toast('Directory changed', 'The directory of subscription \u2018' + x.name + '\u2019 was changed to ' + to + '.');
      });
    });
    return { el: el, open: function () { el.hidden = false; } };
  }

  function toast(title, text) {
    var t = h('div', { class: 'fxs-toast', role: 'alert' },
      h('div', { class: 'fxs-toast-title', text: title }),
      h('div', { class: 'fxs-toast-description', text: text }),
      h('button', { type: 'button', 'aria-label': 'Close', text: '\u2715', onclick: function () { if (t.parentNode) t.parentNode.removeChild(t); } }));
    document.body.appendChild(t);
  }

  // The 2017 user blade: Profile shows ORGANIZATIONAL ROLE; Directory role
  // shows User / Global administrator / Limited administrator (+ roles).
  function legacyUser(u, selected) {
    var body;
    var r = u.legacyRole;
    if (selected === 'Profile') {
      body = h('div', { class: 'fxs-blade-main' },
        h('h3', { text: 'Identity' }),
        h('div', { class: 'fxs-2017-field' }, h('span', { class: 'fxs-2017-label', text: 'Name' }), h('div', { text: u.displayName })),
        h('div', { class: 'fxs-2017-field' }, h('span', { class: 'fxs-2017-label', text: 'User name' }), h('div', { text: u.upn })),
        h('div', { class: 'fxs-2017-field' }, h('span', { class: 'fxs-2017-label', text: 'Organizational role' }),
          h('div', { class: 'fxs-2017-orgrole', text: r.kind === 'Limited administrator' && r.limited.length ? 'Limited administrator > ' + r.limited.join(', ') : r.kind })),
        h('div', { class: 'fxs-2017-field' }, h('span', { class: 'fxs-2017-label', text: 'Job info' }), h('div', { text: u.jobTitle })));
    } else {
      var name = 'dirrole';
      body = h('div', { class: 'fxs-blade-main' },
        h('h3', { text: 'Directory role' }),
        h('div', { role: 'radiogroup', 'aria-label': 'Directory role' },
          ['User', 'Global administrator', 'Limited administrator'].map(function (k) {
            return h('label', { class: 'fxs-2017-radio' }, h('input', { type: 'radio', name: name, disabled: true, checked: r.kind === k }), ' ' + k);
          })),
        h('div', { class: 'fxs-2017-limited', role: 'group', 'aria-label': 'Limited administrator' },
          ['Billing administrator', 'Exchange administrator', 'Password administrator', 'Service administrator', 'User administrator'].map(function (k) {
            return h('label', { class: 'fxs-2017-radio fxs-2017-nested' }, h('input', { type: 'checkbox', disabled: true, checked: !!(r.limited && r.limited.indexOf(k) >= 0) }), ' ' + k);
          })));
    }
    return [crumbs([['Home', '#home'], [D.tenantName, B.entraOverview], ['Users and groups - All users', B.allUsers], [u.displayName + ' - ' + selected, B.profile(u.id)]]),
      blade(u.displayName + ' - ' + selected, 'User', [
        menu([{ label: 'Manage', items: [['Profile', B.profile(u.id)], ['Directory role', B.directoryRole(u.id)], ['Groups', B.profile(u.id)], ['Licenses', B.profile(u.id)], ['Devices', B.profile(u.id)]] }], selected),
        body])];
  }

  // ---------------------------------------------------------------- router
  var renderToken = 0;
  function route() {
    var r = parseRoute(location.hash);
    var canon = canonical(r);
    if (canon && canon !== location.hash && !(r.name === 'home' && location.hash === '')) {
      location.replace(location.pathname + location.search + canon);
      return;
    }
    var token = ++renderToken;
    while (main.firstChild) main.removeChild(main.firstChild);
    main.appendChild(h('div', { class: 'fxs-loading', role: 'status', text: 'Loading\u2026' }));
    document.title = ENTRA_HOST ? 'Microsoft Entra admin center' : 'Microsoft Azure';
    // Blades render a moment after navigation, as on the real portal.
    later(r.name === 'home' ? 300 : 500, function () {
      if (token !== renderToken) return;
      var content = (views[r.name] || views.notfound)(r);
      while (main.firstChild) main.removeChild(main.firstChild);
      var journey = h('div', { class: r.name === 'home' ? 'fxs-home-journey' : 'fxs-journey' });
      (Array.isArray(content) ? content : [content]).forEach(function (c) { journey.appendChild(c); });
      main.appendChild(journey);
      var t = main.querySelector('.fxs-blade-title-titleText');
      document.title = (t ? t.textContent + ' - ' : 'Home - ') + (ENTRA_HOST ? 'Microsoft Entra admin center' : 'Microsoft Azure');
      main.scrollTop = 0;
    });
  }

  function start() {
    var splash = document.querySelector('.fxs-splash');
    buildTopbar();
    buildSidebar();
    main = h('main', { class: 'fxs-portal-main', role: 'main' });
    document.body.appendChild(main);
    if (splash) splash.parentNode.removeChild(splash);
    window.addEventListener('hashchange', route);
    route();
  }

  // The shell itself appears after the splash screen.
  later(400, start);
})();
