// Replica of the Microsoft 365 admin center: a Fluent UI single-page app
// with hash routes (#/homepage, #/users, #/users/:/UserDetails/<id>),
// data-automation-id attributes on its building blocks, the left nav
// Users > Active users, the active users DetailsList, and the user details
// panel whose Account tab lists the user's Roles; Billing > Purchase
// services (#/catalog: Microsoft Learn, commerce/try-or-buy-microsoft-365.md,
// 2024-09-05, "Try a different subscription", MOSA billing account): the
// products with "Details", the product's "Start free trial", verification
// by text or call ("Text me" / "Call me", the code, "Start your free
// trial"), "Check out" with "Try now", and the order receipt with
// "Continue". The product details, verification and check-out are states
// of #/catalog here: the real routes of those pages are not public.
(function () {
  'use strict';
  var D = window.CONTOSO;
  var params = new URLSearchParams(location.search);
  var hint = params.get('login_hint');
  if (hint && D.byUpn(hint)) localStorage.setItem('admin.account', hint.toLowerCase());
  var account = D.byUpn(localStorage.getItem('admin.account')) || D.users[0];
  var header = document.getElementById('O365_NavHeader');
  var root = document.getElementById('root');

  // Display language. The real admin center shows the signed-in user's
  // Microsoft 365 language (a setting of the account, not of the page's
  // address). The replica has no settings page: the test switch
  // `?lang=de-de` (like the sign-up's `layout=2017`) stands in for that
  // setting; the hash routes keep it, as they keep the whole query, and it
  // is not remembered, so no other page of a test's browser turns German.
  // German: <html lang="de-de"> and the words below. Verified in MicrosoftDocs/microsoft-365-docs-pr.de-DE
  // microsoft-365/admin/add-users/assign-admin-roles.md (ms.lasthandoff
  // 04/09/2020; the page has no ms.date): Benutzer > Aktive Benutzer, the
  // flyout's Rollen and "Rollen verwalten", "Alle anzeigen"; role names as
  // the portal's German replica shows them (roles/locales.rs). Every other
  // word is the usual German UI word (assumed); words not listed, such as
  // the Purchase services flow, stay English.
  var LANG = /^de\b/i.test(params.get('lang') || '') ? 'de' : 'en';
  // Only the German variant touches <html lang>: the English page stays as served.
  if (LANG === 'de') document.documentElement.setAttribute('lang', 'de-de');
  var GERMAN = {
    // Verified (assign-admin-roles.md, de-DE).
    'Users': 'Benutzer', 'Active users': 'Aktive Benutzer', 'Roles': 'Rollen', 'Manage roles': 'Rollen verwalten', 'Show all': 'Alle anzeigen',
    // Role names: roles/locales.rs (Globaler Administrator, Rechnungsadministrator,
    // Globaler Leser verified there; Exchange-Administrator assumed).
    'Global Administrator': 'Globaler Administrator', 'Billing Administrator': 'Rechnungsadministrator',
    'Global Reader': 'Globaler Leser', 'Exchange Administrator': 'Exchange-Administrator',
    // "Benutzer (kein Administratorzugriff)" is the de-DE docs' role choice
    // (business-video/what-is-admin.md); the flyout's bare value is assumed.
    'No administrator access': 'Kein Administratorzugriff',
    // Assumed: the usual German UI words.
    'Home': 'Startseite', 'Contacts': 'Kontakte', 'Guest users': 'Gastbenutzer', 'Deleted users': 'Gel\u00F6schte Benutzer',
    'Teams & groups': 'Teams & Gruppen', 'Billing': 'Abrechnung', 'Setup': 'Einrichtung', 'Settings': 'Einstellungen',
    'Navigation pane': 'Navigationsbereich', 'User management': 'Benutzerverwaltung', 'Loading': 'Wird geladen',
    'Loading users': 'Benutzer werden geladen', 'Add a user': 'Benutzer hinzuf\u00FCgen', 'User templates': 'Benutzervorlagen',
    'Add multiple users': 'Mehrere Benutzer hinzuf\u00FCgen', 'Multi-factor authentication': 'Mehrstufige Authentifizierung',
    'Delete a user': 'Benutzer l\u00F6schen', 'Refresh': 'Aktualisieren', 'Reset password': 'Kennwort zur\u00FCcksetzen',
    'Export users': 'Benutzer exportieren', 'Display name': 'Anzeigename', 'Username': 'Benutzername', 'Licenses': 'Lizenzen',
    'Account': 'Konto', 'Devices': 'Ger\u00E4te', 'Licenses and apps': 'Lizenzen und Apps', 'Mail': 'E-Mail',
    'Username and email': 'Benutzername und E-Mail-Adresse', 'Groups': 'Gruppen', 'Manager': 'Vorgesetzter',
    'No manager provided': 'Kein Vorgesetzter angegeben', 'Close': 'Schlie\u00DFen', 'App launcher': 'App-Startfeld',
    'Microsoft 365 admin center': 'Microsoft 365 Admin Center', 'Search': 'Suchen',
    'This page is not part of the replica': 'Diese Seite ist nicht Teil des Replikats',
  };
  function T(s) {
    if (LANG !== 'de' || typeof s !== 'string') return s;
    if (Object.prototype.hasOwnProperty.call(GERMAN, s)) return GERMAN[s];
    var m = /^Account manager for (.+)$/.exec(s);
    // Assumed: the MeControl button's label in German.
    return m ? 'Konto-Manager f\u00FCr ' + m[1] : s;
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
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }

  var usersOpen = true;
  var billingOpen = true;
  var main, nav;

  function navLink(label, hash, automationId, selected) {
    return h('li', { class: 'ms-Nav-compositeLink' + (selected ? ' is-selected' : '') },
      h('a', { class: 'ms-Nav-link', href: hash, 'data-automation-id': automationId, 'aria-current': selected ? 'page' : null }, h('span', { class: 'ms-Nav-linkText', text: label })));
  }

  function buildNav(route) {
    clear(nav);
    var users = h('li', { class: 'ms-Nav-compositeLink' },
      h('button', {
        type: 'button', class: 'ms-Nav-link ms-Nav-chevronButton', 'aria-expanded': String(usersOpen), 'data-automation-id': 'NavGroup_Users',
        onclick: function () { usersOpen = !usersOpen; buildNav(parse()); },
      }, h('span', { class: 'ms-Nav-linkText', text: 'Users' })),
      usersOpen ? h('ul', { class: 'ms-Nav-group', role: 'list', 'aria-label': 'Users' },
        navLink('Active users', '#/users', 'Nav_ActiveUsers', route.name === 'users'),
        navLink('Contacts', '#/contacts', 'Nav_Contacts', false),
        navLink('Guest users', '#/guestusers', 'Nav_GuestUsers', false),
        navLink('Deleted users', '#/deletedusers', 'Nav_DeletedUsers', false)) : null);
    nav.appendChild(h('ul', { class: 'ms-Nav-group', role: 'list' },
      navLink('Home', '#/homepage', 'Nav_Home', route.name === 'home'),
      users,
      navLink('Teams & groups', '#/groups', 'Nav_Groups', false),
      h('li', { class: 'ms-Nav-compositeLink' },
        h('button', {
          type: 'button', class: 'ms-Nav-link ms-Nav-chevronButton', 'aria-expanded': String(billingOpen),
          onclick: function () { billingOpen = !billingOpen; buildNav(parse()); },
        }, h('span', { class: 'ms-Nav-linkText', text: 'Billing' })),
        billingOpen ? h('ul', { class: 'ms-Nav-group', role: 'list', 'aria-label': 'Billing' },
          navLink('Purchase services', '#/catalog', null, route.name === 'catalog'),
          navLink('Your products', '#/subscriptions', null, false),
          navLink('Licenses', '#/licenses', null, false),
          navLink('Bills & payments', '#/billoverview', null, false)) : null),
      navLink('Setup', '#/featureexplorer', 'Nav_Setup', false),
      navLink('Settings', '#/Settings/Services', 'Nav_Settings', false),
      navLink('Show all', '#/homepage', 'Nav_ShowAll', false)));
  }

  function parse() {
    var m, hash = location.hash;
    if ((m = /^#\/users\/:\/UserDetails\/([\w-]+)/.exec(hash))) return { name: 'users', id: m[1] };
    if (/^#\/users\/?$/.test(hash)) return { name: 'users' };
    if (/^#\/catalog\/?$/.test(hash)) return { name: 'catalog' };
    if (hash === '' || /^#\/homepage/.test(hash)) return { name: 'home' };
    return { name: 'other' };
  }

  function commandBar(labels) {
    return h('div', { class: 'ms-CommandBar', role: 'menubar', 'data-automation-id': 'CommandBar' }, labels.map(function (l) {
      return h('button', { type: 'button', role: 'menuitem', class: 'ms-Button ms-Button--commandBar', text: l });
    }));
  }

  function home() {
    main.appendChild(h('h1', { text: 'Home' }));
    main.appendChild(h('div', { class: 'ms-admin-card', 'data-automation-id': 'UserManagementCard' },
      h('h3', { text: 'User management' }),
      h('a', { class: 'ms-Link', href: '#/users', text: 'Active users' })));
    main.appendChild(h('div', { class: 'ms-admin-card', 'data-automation-id': 'BillingCard' },
      h('h3', { text: 'Billing' }), h('p', { text: 'Microsoft 365 Business Standard trial: 25 licenses' })));
  }

  function usersList(route) {
    main.appendChild(h('h1', { text: 'Active users' }));
    main.appendChild(commandBar(['Add a user', 'User templates', 'Add multiple users', 'Multi-factor authentication', 'Delete a user', 'Refresh', 'Reset password', 'Export users']));
    var list = h('div', { class: 'ms-DetailsList', 'data-automation-id': 'UserListV2' }, h('div', { class: 'ms-Spinner', role: 'progressbar', 'aria-label': 'Loading users' }));
    main.appendChild(list);
    setTimeout(function () {
      clear(list);
      var grid = h('div', { role: 'grid', 'aria-label': 'Active users', 'aria-rowcount': String(D.users.length + 1) },
        h('div', { role: 'row', class: 'ms-DetailsHeader' },
          ['Display name', 'Username', 'Licenses'].map(function (c) { return h('div', { role: 'columnheader', class: 'ms-DetailsHeader-cell', text: c }); })),
        D.users.map(function (u, i) {
          return h('div', { role: 'row', class: 'ms-DetailsRow', 'data-automationid': 'DetailsRow', 'aria-rowindex': String(i + 2) },
            h('div', { role: 'gridcell', class: 'ms-DetailsRow-cell', 'data-automation-key': 'DisplayName' },
              h('button', { type: 'button', class: 'ms-Link', 'data-automation-id': 'UserDisplayName', text: u.displayName, onclick: function () { location.hash = '#/users/:/UserDetails/' + u.id; } })),
            h('div', { role: 'gridcell', class: 'ms-DetailsRow-cell', 'data-automation-key': 'UserPrincipalName', text: u.upn }),
            h('div', { role: 'gridcell', class: 'ms-DetailsRow-cell', 'data-automation-key': 'Licenses', text: 'Microsoft 365 Business Standard' }));
        }));
      list.appendChild(grid);
      if (route.id) openDetails(D.byId(route.id));
    }, 1000);
  }

  // Billing > Purchase services: products, then one product's details, the
  // trial's verification, check-out and order receipt.
  var PRODUCTS = [
    { name: 'Microsoft 365 Business Basic', price: 'USD 6.00 licenses/month' },
    { name: 'Microsoft 365 Business Standard', price: 'USD 12.50 licenses/month' },
    { name: 'Microsoft 365 Business Premium', price: 'USD 22.00 licenses/month' },
    { name: 'Office 365 E3', price: 'USD 23.00 licenses/month' },
  ];

  function catalog() {
    document.title = 'Purchase services - Microsoft 365 admin center';
    main.appendChild(h('h1', { text: 'Purchase services' }));
    main.appendChild(h('div', { class: 'ms-SearchBox', role: 'search' }, h('input', { type: 'search', placeholder: 'Search all product categories', 'aria-label': 'Search all product categories' })));
    var list = h('div', { class: 'ms-admin-products' }, h('div', { class: 'ms-Spinner', role: 'progressbar', 'aria-label': 'Loading products' }));
    main.appendChild(list);
    setTimeout(function () {
      clear(list);
      PRODUCTS.forEach(function (p) {
        list.appendChild(h('div', { class: 'ms-admin-card ms-admin-product' },
          h('h3', { text: p.name }),
          h('p', { text: p.price }),
          h('button', { type: 'button', class: 'ms-Button', text: 'Details', onclick: function () { productDetails(p); } })));
      });
    }, 800);
  }

  function productDetails(p) {
    clear(main);
    main.appendChild(h('h1', { text: p.name }));
    main.appendChild(h('p', { text: p.price }));
    main.appendChild(field('Select license quantity', h('input', { type: 'number', min: '1', value: '25' })));
    main.appendChild(h('div', { class: 'ms-admin-actions' },
      h('button', { type: 'button', class: 'ms-Button ms-Button--primary', text: 'Buy' }),
      h('button', { type: 'button', class: 'ms-Button', text: 'Start free trial', onclick: function () { verification(p); } })));
  }

  function field(label, input) {
    var id = 'fld-' + label.toLowerCase().replace(/[^a-z]+/g, '-');
    input.id = id;
    return h('div', { class: 'ms-TextField' }, h('label', { for: id, class: 'ms-Label', text: label }), input);
  }

  function verification(p) {
    var old = document.querySelector('.ms-Panel');
    if (old) old.parentNode.removeChild(old);
    var body = h('div');
    var panel = h('div', { class: 'ms-Panel is-open', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'Panel2-headerText' },
      h('h2', { class: 'ms-Panel-headerText', id: 'Panel2-headerText', text: 'Prove you\u2019re not a robot' }), body);
    body.appendChild(h('p', { text: 'We\u2019ll text or call you with a verification code.' }));
    body.appendChild(field('Phone number', h('input', { type: 'tel', name: 'phone' })));
    function sent() {
      clear(body);
      body.appendChild(h('p', { text: 'Enter the verification code we sent.' }));
      body.appendChild(field('Verification code', h('input', { type: 'text', name: 'code', inputmode: 'numeric' })));
      body.appendChild(h('button', {
        type: 'button', class: 'ms-Button ms-Button--primary', text: 'Start your free trial',
        onclick: function () { panel.parentNode.removeChild(panel); checkout(p); },
      }));
    }
    body.appendChild(h('div', { class: 'ms-admin-actions' },
      h('button', { type: 'button', class: 'ms-Button ms-Button--primary', text: 'Text me', onclick: sent }),
      h('button', { type: 'button', class: 'ms-Button', text: 'Call me', onclick: sent })));
    document.body.appendChild(panel);
  }

  function checkout(p) {
    clear(main);
    main.appendChild(h('h1', { text: 'Check out' }));
    main.appendChild(h('div', { class: 'ms-admin-card' },
      h('div', { text: p.name + ' trial' }),
      h('div', { text: 'Quantity: 25 licenses' }),
      h('div', { text: 'Subtotal: USD 0.00 for one month' })));
    main.appendChild(h('button', {
      type: 'button', class: 'ms-Button ms-Button--primary', text: 'Try now',
      onclick: function () {
        clear(main);
        main.appendChild(h('div', { class: 'ms-Spinner', role: 'progressbar', 'aria-label': 'Placing your order' }));
        setTimeout(function () { receipt(p); }, 600);
      },
    }));
  }

  function receipt(p) {
    clear(main);
    main.appendChild(h('h1', { text: 'Order receipt' }));
    main.appendChild(h('p', { text: 'Thank you for your order. ' + p.name + ' has been added to your organization.' }));
    main.appendChild(h('button', { type: 'button', class: 'ms-Button ms-Button--primary', text: 'Continue', onclick: function () { location.hash = '#/homepage'; } }));
  }

  function openDetails(u) {
    if (!u) return;
    var old = document.querySelector('.ms-Panel');
    if (old) old.parentNode.removeChild(old);
    var tabs = ['Account', 'Devices', 'Licenses and apps', 'Mail', 'OneDrive'];
    var content = h('div');
    var pivot = h('div', { class: 'ms-Pivot', role: 'tablist', 'data-automation-id': 'UserDetailsPivot' });
    function show(i) {
      Array.prototype.forEach.call(pivot.children, function (b, j) {
        b.className = 'ms-Pivot-link' + (i === j ? ' is-selected' : '');
        b.setAttribute('aria-selected', i === j ? 'true' : 'false');
      });
      clear(content);
      if (i !== 0) { content.appendChild(h('p', { text: tabs[i] })); return; }
      var roles = u.activeRoles.length ? u.activeRoles.map(T).join(', ') : 'No administrator access';
      content.appendChild(h('div', { class: 'ms-admin-section', 'data-automation-id': 'UsernameSection' }, h('h3', { text: 'Username and email' }), h('div', { text: u.upn })));
      content.appendChild(h('div', { class: 'ms-admin-section', 'data-automation-id': 'GroupsSection' }, h('h3', { text: 'Groups' }), h('div', { text: 'All Company' })));
      content.appendChild(h('div', { class: 'ms-admin-section', 'data-automation-id': 'RolesSection' },
        h('h3', { text: 'Roles' }), h('div', { class: 'ms-admin-roles', text: roles }),
        h('button', { type: 'button', class: 'ms-Link', text: 'Manage roles' })));
      content.appendChild(h('div', { class: 'ms-admin-section', 'data-automation-id': 'ManagerSection' }, h('h3', { text: 'Manager' }), h('div', { text: 'No manager provided' })));
    }
    tabs.forEach(function (t, i) {
      pivot.appendChild(h('button', { type: 'button', role: 'tab', class: 'ms-Pivot-link', name: t, onclick: function () { show(i); } }, h('span', { class: 'ms-Pivot-text', text: t })));
    });
    // Fluent UI's Panel names its role="dialog" by aria-labelledby, pointing
    // at its header text (Panel.base.tsx: ariaLabelledBy={this._headerTextId}).
    var panel = h('div', { class: 'ms-Panel is-open', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'Panel1-headerText', 'data-automation-id': 'UserDetailsPanel' },
      h('button', { type: 'button', class: 'ms-Panel-closeButton', 'aria-label': 'Close', onclick: function () { location.hash = '#/users'; } }, '\u2715'),
      h('h2', { class: 'ms-Panel-headerText', id: 'Panel1-headerText', text: u.displayName }),
      h('div', { text: u.upn }),
      pivot, content);
    document.body.appendChild(panel);
    show(0);
  }

  var token = 0;
  function render() {
    var route = parse();
    var my = ++token;
    var old = document.querySelector('.ms-Panel');
    if (old && !route.id) old.parentNode.removeChild(old);
    buildNav(route);
    clear(main);
    main.appendChild(h('div', { class: 'ms-Spinner', role: 'progressbar', 'aria-label': 'Loading' }));
    setTimeout(function () {
      if (my !== token) return;
      clear(main);
      document.title = T(route.name === 'users' ? 'Active users' : 'Home') + ' - ' + T('Microsoft 365 admin center');
      if (route.name === 'users') usersList(route);
      else if (route.name === 'catalog') catalog();
      else if (route.name === 'home') home();
      else main.appendChild(h('h1', { text: 'This page is not part of the replica' }));
    }, 300);
  }

  function start() {
    header.appendChild(h('button', { type: 'button', id: 'O365_MainLink_NavMenu', 'aria-label': 'App launcher', text: '\u2637' }));
    header.appendChild(h('a', { class: 'o365sx-appName', href: '#/homepage', text: 'Microsoft 365 admin center' }));
    header.appendChild(h('div', { class: 'o365sx-search', role: 'search' }, h('input', { type: 'search', placeholder: 'Search', 'aria-label': 'Search' })));
    header.appendChild(h('button', { type: 'button', id: 'O365_MainLink_Me', 'aria-label': 'Account manager for ' + account.displayName, title: account.upn }, h('span', { text: account.displayName.split(' ').map(function (p) { return p.charAt(0); }).join('') })));
    clear(root);
    nav = h('nav', { class: 'ms-Nav', role: 'navigation', 'aria-label': 'Navigation pane', 'data-automation-id': 'LeftNav' });
    main = h('main', { class: 'ms-admin-main', role: 'main' });
    root.appendChild(nav);
    root.appendChild(main);
    if (!location.hash) history.replaceState(null, '', location.pathname + location.search + '#/homepage');
    window.addEventListener('hashchange', render);
    render();
  }
  setTimeout(start, 500);
})();
