// Replica of the Azure portal's React views ("ReactView" blades), served
// from a cross-origin sandbox host inside the portal's iframe. The DOM is
// what Fluent UI (v8) renders: DetailsList with role="grid"/"row"/"gridcell",
// data-automationid / data-automation-key attributes, CommandBar, Pivot,
// Panel. Rows are re-rendered (nodes replaced) every couple of seconds, as a
// React list re-renders on data refreshes. Links ask the portal shell to
// open a blade through postMessage, as BladeLink does.
(function () {
  'use strict';

  var D = window.CONTOSO;
  var params = new URLSearchParams(location.search);
  var view = params.get('view') || 'UsersList';
  var authority = params.get('trustedAuthority') || 'https://portal.azure.com';
  if (!/^https:\/\/(portal\.azure\.com|entra\.microsoft\.com)$/.test(authority)) authority = 'https://portal.azure.com';
  var root = document.getElementById('root');
  var context = { account: null };

  // The portal's display language, as the shell hands it over (`l`, e.g.
  // `de.de-de`; see portal.js). German: <html lang="de"> and the words
  // below; role names as MicrosoftDocs de-DE permissions-reference.md
  // writes them (crate/core/src/roles/locales.rs, verified there); column
  // and command words are the usual German UI words (assumed). Role
  // descriptions stay English (a simplification).
  var LANG = (params.get('l') || 'en').split('.')[0].split('-')[0].toLowerCase() === 'de' ? 'de' : 'en';
  // Only the German variant touches <html lang>: the English page stays as served.
  if (LANG === 'de') document.documentElement.setAttribute('lang', 'de');
  var GERMAN = {
    'Display name': 'Anzeigename', 'User principal name': 'Benutzerprinzipalname', 'User type': 'Benutzertyp',
    'On-premises sync enabled': 'Lokale Synchronisierung aktiviert', 'Member': 'Mitglied', 'Guest': 'Gast', 'No': 'Nein',
    'New user': 'Neuer Benutzer', 'Download users': 'Benutzer herunterladen', 'Bulk operations': 'Massenvorg\u00E4nge',
    'Refresh': 'Aktualisieren', 'Manage view': 'Ansicht verwalten', 'Delete': 'L\u00F6schen', 'Per-user MFA': 'MFA pro Benutzer',
    'Search': 'Suchen', 'Users': 'Benutzer', 'Command bar': 'Befehlsleiste', 'Selection column': 'Auswahlspalte', 'Select row': 'Zeile ausw\u00E4hlen',
    'No results': 'Keine Ergebnisse', 'Loading': 'Wird geladen',
    'Edit properties': 'Eigenschaften bearbeiten', 'Reset password': 'Kennwort zur\u00FCcksetzen', 'Revoke sessions': 'Sitzungen widerrufen',
    'Got feedback?': 'Feedback?', 'Overview': '\u00DCbersicht', 'Monitoring': '\u00DCberwachung', 'Properties': 'Eigenschaften',
    'Basic info': 'Grundlegende Informationen', 'Object ID': 'Objekt-ID', 'Job title': 'Position', 'Created date time': 'Erstellungsdatum',
    'User not found.': 'Benutzer nicht gefunden.',
    'Add assignments': 'Zuweisungen hinzuf\u00FCgen', 'Remove assignments': 'Zuweisungen entfernen',
    'Role': 'Rolle', 'Description': 'Beschreibung', 'Resource Name': 'Ressourcenname', 'Resource Type': 'Ressourcentyp',
    'Assignment path': 'Zuweisungspfad', 'Membership': 'Mitgliedschaft', 'Action': 'Aktion', 'Direct': 'Direkt', 'Directory': 'Verzeichnis',
    'Administrative roles': 'Administratorrollen', 'Assigned roles': 'Zugewiesene Rollen',
    'Administrative roles can be used to grant access to Microsoft Entra ID and other Microsoft services.':
      'Mit Administratorrollen k\u00F6nnen Sie Zugriff auf Microsoft Entra ID und andere Microsoft-Dienste gew\u00E4hren.',
    // PIM tabs: as roles/locales.rs lists them (assumed there).
    'Eligible assignments': 'Berechtigte Zuweisungen', 'Active assignments': 'Aktive Zuweisungen', 'Expired assignments': 'Abgelaufene Zuweisungen',
    'Assignments': 'Zuweisungen', 'Activate': 'Aktivieren',
    'Privileged Identity Management: eligible assignments must be activated before use.':
      'Privileged Identity Management: Berechtigte Zuweisungen m\u00FCssen vor der Verwendung aktiviert werden.',
    // Role names (verified in roles/locales.rs; Exchange's is assumed).
    'Global Administrator': 'Globaler Administrator', 'Billing Administrator': 'Rechnungsadministrator',
    'Global Reader': 'Globaler Leser', 'Exchange Administrator': 'Exchange-Administrator',
  };
  function T(s) {
    if (LANG !== 'de' || typeof s !== 'string') return s;
    if (Object.prototype.hasOwnProperty.call(GERMAN, s)) return GERMAN[s];
    var m = /^(\d+) users found$/.exec(s);
    return m ? m[1] + ' Benutzer gefunden' : s;
  }
  var hBase = window.ReplicaDom.h;
  var h = LANG === 'en' ? hBase : function (tag, attrs) {
    var a = attrs;
    if (attrs) {
      a = {};
      for (var k in attrs) a[k] = /^(text|aria-label|title|placeholder|name)$/.test(k) ? T(attrs[k]) : attrs[k];
    }
    var args = [tag, a];
    for (var i = 2; i < arguments.length; i++) args.push(typeof arguments[i] === 'string' ? T(arguments[i]) : arguments[i]);
    return hBase.apply(null, args);
  };
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }

  function bladeLink(text, hash) {
    return h('a', {
      class: 'ms-Link', href: authority + '/' + hash, target: '_top', text: text,
      onclick: function (e) {
        e.preventDefault();
        window.parent.postMessage({ kind: 'openBlade', hash: hash }, authority);
      },
    });
  }

  function commandBar(labels, handlers) {
    return h('div', { class: 'ms-CommandBar', role: 'menubar', 'aria-label': 'Command bar' },
      labels.map(function (l) {
        return h('button', { type: 'button', class: 'ms-Button ms-Button--commandBar', role: 'menuitem', name: l, onclick: handlers && handlers[l] },
          h('span', { class: 'ms-Button-label', text: l }));
      }));
  }

  // A Fluent DetailsList. `columns`: [{key, name}], `rows`: [{key, cells:{key: node|string}}]
  function detailsList(label, columns, rows, withCheck) {
    var header = h('div', { role: 'row', class: 'ms-DetailsHeader', 'data-automationid': 'DetailsHeader' },
      withCheck ? h('div', { role: 'columnheader', class: 'ms-DetailsRow-check', 'aria-label': 'Selection column' }) : null,
      columns.map(function (c, i) {
        return h('div', { role: 'columnheader', class: 'ms-DetailsHeader-cell', 'aria-colindex': String(i + 1 + (withCheck ? 1 : 0)), 'data-item-key': c.key },
          h('span', { class: 'ms-DetailsHeader-cellName', text: c.name }));
      }));
    var page = h('div', { class: 'ms-List-page', role: 'presentation' });
    var grid = h('div', { role: 'grid', class: 'ms-DetailsList-root', 'aria-label': label, 'aria-rowcount': String(rows.length + 1), 'aria-colcount': String(columns.length) },
      h('div', { role: 'presentation', class: 'ms-DetailsList-headerWrapper' }, header),
      h('div', { role: 'presentation', class: 'ms-DetailsList-contentWrapper' }, h('div', { class: 'ms-List', role: 'presentation' }, page)));
    function fill() {
      clear(page);
      rows.forEach(function (r, i) {
        page.appendChild(h('div', { class: 'ms-List-cell', 'data-list-index': String(i), role: 'presentation' },
          h('div', { role: 'row', class: 'ms-DetailsRow ms-FocusZone', 'data-automationid': 'DetailsRow', 'data-selection-index': String(i), 'aria-rowindex': String(i + 2), tabindex: '-1' },
            withCheck ? h('div', { role: 'gridcell', class: 'ms-DetailsRow-check', 'data-automationid': 'DetailsRowCheck' }, h('span', { role: 'checkbox', 'aria-checked': 'false', 'aria-label': 'Select row' })) : null,
            columns.map(function (c, j) {
              var v = r.cells[c.key];
              return h('div', { role: 'gridcell', class: 'ms-DetailsRow-cell', 'data-automation-key': c.key, 'aria-colindex': String(j + 1 + (withCheck ? 1 : 0)) },
                typeof v === 'function' ? v() : (v == null ? '' : String(v)));
            }))));
      });
      if (!rows.length) page.appendChild(h('div', { class: 'ms-DetailsList-emptyMessage', role: 'status', text: 'No results' }));
    }
    fill();
    return { el: h('div', { class: 'ms-DetailsList is-horizontalConstrained', 'data-automationid': 'DetailsList' }, grid), refill: fill };
  }

  function shimmer() {
    return h('div', { class: 'ms-Shimmer-container', role: 'status', 'aria-label': 'Loading' }, h('div', { class: 'ms-Shimmer' }), h('div', { class: 'ms-Shimmer' }), h('div', { class: 'ms-Shimmer' }));
  }

  // ------------------------------------------------------------- views
  var views = {};

  views.UsersList = function () {
    var cols = [{ key: 'displayName', name: 'Display name' }, { key: 'userPrincipalName', name: 'User principal name' }, { key: 'userType', name: 'User type' }, { key: 'onPremisesSyncEnabled', name: 'On-premises sync enabled' }];
    var rows = D.users.map(function (u) {
      return {
        key: u.id,
        cells: {
          displayName: function () { return bladeLink(u.displayName, '#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/' + u.id); },
          userPrincipalName: u.upn, userType: u.userType, onPremisesSyncEnabled: 'No',
        },
      };
    });
    var pane = h('div', { class: 'ms-ScrollablePane', 'data-is-scrollable': 'true' }, shimmer());
    root.appendChild(commandBar(['New user', 'Download users', 'Bulk operations', 'Refresh', 'Manage view', 'Delete', 'Per-user MFA']));
    root.appendChild(h('div', { class: 'ms-SearchBox' }, h('input', { class: 'ms-SearchBox-field', type: 'text', placeholder: 'Search', 'aria-label': 'Search' })));
    var count = h('div', { class: 'wm-count', role: 'status' });
    root.appendChild(count);
    root.appendChild(pane);
    // Data arrives late (Graph call), then the list refreshes periodically.
    setTimeout(function () {
      var list = detailsList('Users', cols, rows, true);
      clear(pane);
      pane.appendChild(list.el);
      count.textContent = T(rows.length + ' users found');
      setInterval(list.refill, 2000);
    }, 1200);
  };

  function persona(u) {
    var initials = u.displayName.split(' ').map(function (p) { return p.charAt(0); }).join('');
    return h('div', { class: 'wm-profile-card ms-Persona' },
      h('div', { class: 'ms-Persona-coin', 'aria-hidden': 'true', text: initials }),
      h('div', { class: 'ms-Persona-details' },
        h('div', { class: 'ms-Persona-primaryText', text: u.displayName }),
        h('div', { class: 'ms-Persona-secondaryText', text: u.upn }),
        h('div', { class: 'ms-Persona-tertiaryText', text: u.userType })));
  }

  views.UserProfile = function () {
    var u = D.byId(params.get('userId'));
    if (!u) { root.appendChild(h('div', { class: 'ms-MessageBar', text: 'User not found.' })); return; }
    root.appendChild(commandBar(['Edit properties', 'Delete', 'Refresh', 'Reset password', 'Revoke sessions', 'Got feedback?']));
    var body = h('div', null, shimmer());
    root.appendChild(body);
    setTimeout(function () {
      clear(body);
      body.appendChild(h('div', { class: 'ms-Pivot', role: 'tablist' },
        ['Overview', 'Monitoring', 'Properties'].map(function (t, i) {
          return h('button', { type: 'button', role: 'tab', class: 'ms-Pivot-link' + (i === 0 ? ' is-selected' : ''), 'aria-selected': i === 0 ? 'true' : 'false', name: t }, h('span', { class: 'ms-Pivot-text', text: t }));
        })));
      body.appendChild(persona(u));
      body.appendChild(h('h3', { text: 'Basic info' }));
      body.appendChild(h('dl', { class: 'wm-props' },
        h('dt', { text: 'User principal name' }), h('dd', { text: u.upn }),
        h('dt', { text: 'Object ID' }), h('dd', { text: u.id }),
        h('dt', { text: 'Job title' }), h('dd', { text: u.jobTitle }),
        h('dt', { text: 'User type' }), h('dd', { text: u.userType }),
        h('dt', { text: 'Created date time' }), h('dd', { text: 'Mar 14, 2017, 9:12 AM' })));
    }, 800);
  };

  function roleRows(names, assignment) {
    return names.map(function (n) {
      return {
        key: n,
        cells: {
          role: function () { return h('a', { class: 'ms-Link', href: '#', text: n, onclick: function (e) { e.preventDefault(); } }); },
          description: D.roleDescriptions[n] || '',
          resourceName: 'Directory', resourceType: 'Directory', assignment: assignment,
        },
      };
    });
  }

  views.AssignedRoles = function () {
    var u = D.byId(params.get('userId'));
    if (!u) { root.appendChild(h('div', { class: 'ms-MessageBar', text: 'User not found.' })); return; }
    root.appendChild(commandBar(['Add assignments', 'Remove assignments', 'Refresh', 'Got feedback?']));
    var body = h('div', null, shimmer());
    root.appendChild(body);
    var cols = [{ key: 'role', name: 'Role' }, { key: 'description', name: 'Description' }, { key: 'resourceName', name: 'Resource Name' }, { key: 'resourceType', name: 'Resource Type' }, { key: 'assignment', name: 'Assignment path' }];
    setTimeout(function () {
      clear(body);
      if (!u.eligibleRoles.length) {
        body.appendChild(h('h3', { text: 'Administrative roles' }));
        body.appendChild(h('p', { class: 'wm-count', text: 'Administrative roles can be used to grant access to Microsoft Entra ID and other Microsoft services.' }));
        body.appendChild(detailsList('Assigned roles', cols, roleRows(u.activeRoles, 'Direct'), false).el);
        return;
      }
      // Privileged Identity Management variant (tenant with Entra ID P2).
      var tabs = ['Eligible assignments', 'Active assignments', 'Expired assignments'];
      var content = h('div');
      var pivot = h('div', { class: 'ms-Pivot', role: 'tablist', 'aria-label': 'Assignments' });
      function show(i) {
        Array.prototype.forEach.call(pivot.children, function (b, j) {
          b.className = 'ms-Pivot-link' + (i === j ? ' is-selected' : '');
          b.setAttribute('aria-selected', i === j ? 'true' : 'false');
        });
        clear(content);
        var names = i === 0 ? u.eligibleRoles : i === 1 ? u.activeRoles : [];
        var pimCols = [{ key: 'role', name: 'Role' }, { key: 'description', name: 'Description' }, { key: 'resourceName', name: 'Resource Name' }, { key: 'assignment', name: 'Membership' }, { key: 'action', name: 'Action' }];
        var rows = roleRows(names, 'Direct').map(function (r) {
          r.cells.action = function () { return i === 0 ? h('a', { class: 'ms-Link', href: '#', text: 'Activate', onclick: function (e) { e.preventDefault(); } }) : ''; };
          return r;
        });
        content.appendChild(detailsList(tabs[i], pimCols, rows, false).el);
      }
      tabs.forEach(function (t, i) {
        pivot.appendChild(h('button', { type: 'button', role: 'tab', class: 'ms-Pivot-link', name: t, onclick: function () { show(i); } }, h('span', { class: 'ms-Pivot-text', text: t })));
      });
      body.appendChild(h('div', { class: 'ms-MessageBar', role: 'status', text: 'Privileged Identity Management: eligible assignments must be activated before use.' }));
      body.appendChild(pivot);
      body.appendChild(content);
      show(0);
    }, 900);
  };

  var ALL_ROLES = ['Application Administrator', 'Billing Administrator', 'Exchange Administrator', 'Global Administrator', 'Global Reader', 'Global Secure Access Administrator', 'Helpdesk Administrator', 'Privileged Role Administrator', 'Security Administrator', 'User Administrator'];

  views.AllRoles = function () {
    var panelHost = h('div');
    function yourRole() {
      clear(panelHost);
      var u = context.account && D.byUpn(context.account);
      var names = u ? u.activeRoles.map(function (n) { return [n, 'Active']; }).concat(u.eligibleRoles.map(function (n) { return [n, 'Eligible']; })) : [];
      var rows = names.map(function (p) { return { key: p[0], cells: { role: p[0], description: D.roleDescriptions[p[0]] || '', type: p[1] } }; });
      // Fluent UI's Panel names its role="dialog" by aria-labelledby, pointing
      // at its header text (Panel.base.tsx: ariaLabelledBy={this._headerTextId}).
      panelHost.appendChild(h('div', { class: 'ms-Panel is-open', role: 'dialog', 'aria-labelledby': 'Panel0-headerText', 'aria-modal': 'true' },
        h('button', { type: 'button', class: 'ms-Panel-closeButton', 'aria-label': 'Close', onclick: function () { clear(panelHost); } }, '\u2715'),
        h('h2', { class: 'ms-Panel-headerText', id: 'Panel0-headerText', text: 'Your Role' }),
        h('p', { text: u ? 'Roles assigned to ' + u.displayName + ' (' + u.upn + ')' : 'Your roles could not be loaded.' }),
        rows.length ? detailsList('Your roles', [{ key: 'role', name: 'Role' }, { key: 'description', name: 'Description' }, { key: 'type', name: 'Assignment type' }], rows, false).el
          : h('div', { class: 'ms-MessageBar', role: 'status', text: 'You have no administrative roles assigned.' })));
    }
    root.appendChild(commandBar(['New custom role', 'Delete custom role', 'Download assignments', 'Refresh', 'Your Role', 'Preview features', 'Got feedback?'], { 'Your Role': yourRole }));
    root.appendChild(h('p', { class: 'wm-count', text: 'Your Role: view the roles assigned to you. Microsoft Entra ID built-in roles grant permissions to manage directory resources.' }));
    root.appendChild(h('div', { class: 'ms-SearchBox' }, h('input', { class: 'ms-SearchBox-field', type: 'text', placeholder: 'Search by name or description', 'aria-label': 'Search by name or description' })));
    var pane = h('div', { class: 'ms-ScrollablePane', 'data-is-scrollable': 'true' }, shimmer());
    root.appendChild(pane);
    root.appendChild(panelHost);
    setTimeout(function () {
      clear(pane);
      pane.appendChild(detailsList('Roles', [{ key: 'role', name: 'Role' }, { key: 'description', name: 'Description' }, { key: 'type', name: 'Type' }],
        ALL_ROLES.map(function (n) { return { key: n, cells: { role: n, description: D.roleDescriptions[n] || 'Built-in role.', type: 'Built-in role' } }; }), true).el);
    }, 700);
  };

  window.addEventListener('message', function (e) {
    if (e.origin !== authority) return;
    var m = e.data || {};
    if (m.kind === 'init' && typeof m.account === 'string') context.account = m.account;
  });

  if (window.parent !== window) window.parent.postMessage({ kind: 'ready', view: view }, authority);
  (views[view] || views.UsersList)();
})();
