// Replica of the Azure portal shell (Ibiza): top bar, portal menu, avatar
// menu, search, breadcrumbs and blades, routed by hash without reloads.
// Blades whose real counterpart is a React view (Entra users list, user
// profile, Roles and administrators) are cross-origin iframes on
// sandbox-1.reactblade.portal.azure.net, as on the real portal.
// `?layout=2017` renders the 2017 portal the seed article describes
// (Browse > Azure Active Directory > Users and groups > ORGANIZATIONAL ROLE),
// with its blades in the top frame, as they were then.
(function () {
  'use strict';

  var D = window.CONTOSO;
  var params = new URLSearchParams(location.search);
  var LAYOUT_2017 = params.get('layout') === '2017';
  var SANDBOX = 'https://sandbox-1.reactblade.portal.azure.net';

  // The signed-in account: the sign-in replica hands it back as login_hint.
  var hint = params.get('login_hint');
  if (hint && D.byUpn(hint)) localStorage.setItem('portal.account', hint.toLowerCase());
  var account = D.byUpn(localStorage.getItem('portal.account')) || D.users[0];

  var h = window.ReplicaDom.h;
  function later(ms, fn) { return setTimeout(fn, ms); }

  // ---------------------------------------------------------------- routes
  var V = {
    home: '#home',
    entraOverview: '#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview',
    allUsers: '#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers',
    profile: function (id) { return '#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/' + id; },
    assignedRoles: function (id) { return '#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/AdministrativeRole/userId/' + id; },
    roles: '#view/Microsoft_AAD_IAM/AllRolesBlade',
  };
  var B = {
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
      default: return null;
    }
  }

  // ---------------------------------------------------------------- shell
  var main, flyout, sidebar, browseFlyout, searchResults, searchInput;

  var SERVICES = [
    { name: 'Microsoft Entra ID', keywords: 'azure active directory aad entra identity directory tenant', hash: function () { return LAYOUT_2017 ? B.entraOverview : V.entraOverview; } },
    { name: 'Users', keywords: 'users people accounts entra', hash: function () { return LAYOUT_2017 ? B.allUsers : V.allUsers; } },
    { name: 'Subscriptions', keywords: 'billing subscription', hash: function () { return '#home'; } },
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
      LAYOUT_2017 ? null : menuBtn,
      h('a', { class: 'fxs-topbar-home', href: '#home', text: 'Microsoft Azure' }),
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
            var href = n === 'Azure Active Directory' ? B.entraOverview : '#home';
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
          sideItem('Subscriptions', '#home')));
      document.body.appendChild(sidebar);
      document.body.appendChild(browseFlyout);
      document.documentElement.classList.add('fxs-mode-2017');
      return;
    }
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
        sideItem('Subscriptions', '#home'),
        sideItem('Cost Management + Billing', '#home')));
    document.body.appendChild(sidebar);
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
    var q = new URLSearchParams({ view: view, theme: 'light', l: 'en.en-us', trustedAuthority: location.origin });
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
      var services = [['Create a resource', '#home'], ['Microsoft Entra ID', LAYOUT_2017 ? B.entraOverview : V.entraOverview], ['Subscriptions', '#home'], ['Resource groups', '#home'], ['All resources', '#home'], ['Cost Management', '#home'], ['More services', '#home']];
      return h('div', { class: 'fxs-home' },
        h('h2', { text: 'Azure services' }),
        h('ul', { class: 'fxs-home-services' }, services.map(function (s) {
          return h('li', { class: 'fxs-home-service' }, h('a', { href: s[1], 'aria-label': s[0] }, h('span', { class: 'fxs-home-service-icon', 'aria-hidden': 'true' }), h('span', { text: s[0] })));
        })),
        h('h2', { text: 'Resources' }),
        h('div', { class: 'fxs-home-resources' },
          h('p', { text: 'No resources to display' }),
          h('p', { text: 'Try creating a resource or browse the Azure services above.' })),
        h('h2', { text: 'Navigate' }),
        h('p', null, h('a', { href: '#home', text: 'Subscriptions' }), ' \u00B7 ', h('a', { href: '#home', text: 'Resource groups' }), ' \u00B7 ', h('a', { href: '#home', text: 'All resources' })));
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

    notfound: function () {
      return [crumbs([['Home', '#home']]), blade('Not found', null, h('div', { class: 'fxs-blade-main', text: 'The blade could not be found. It may have been moved or deleted.' }))];
    },
  };

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
    document.title = 'Microsoft Azure';
    // Blades render a moment after navigation, as on the real portal.
    later(r.name === 'home' ? 300 : 500, function () {
      if (token !== renderToken) return;
      var content = (views[r.name] || views.notfound)(r);
      while (main.firstChild) main.removeChild(main.firstChild);
      var journey = h('div', { class: r.name === 'home' ? 'fxs-home-journey' : 'fxs-journey' });
      (Array.isArray(content) ? content : [content]).forEach(function (c) { journey.appendChild(c); });
      main.appendChild(journey);
      var t = main.querySelector('.fxs-blade-title-titleText');
      document.title = (t ? t.textContent + ' - ' : 'Home - ') + 'Microsoft Azure';
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
