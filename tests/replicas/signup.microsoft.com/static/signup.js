// Replica of the Microsoft 365 trial sign-up (signup.microsoft.com).
// Signed out, today (Microsoft Learn, admin/simplified-signup/
// signup-business-standard.md, 2024-11-14, and brief §1b): the email-first
// "simplified sign-up": "Subscription and account details" asks for an
// email first; an email of an existing organization gets the choice to
// sign in to that organization or to create a new account (the trap: a new
// tenant); a new email gets "Set up account" (a new tenant). The wording of
// the existing-account state is not documented: the replica's is the
// issue's ("you already have an account", "sign in to your organization").
// With ?layout=2017 (test switch, as the portal's): the seed's 2017 form
// "let's get to know you" that creates a NEW tenant, with "Sign in" in the
// upper right. Signed in (back from login.microsoftonline.com), both show
// check-out with "Try now", then the order receipt with "Continue" to the
// Microsoft 365 admin center.
(function () {
  'use strict';
  var app = document.getElementById('app');
  var right = document.querySelector('.ms-header-right');
  var params = new URLSearchParams(location.search);
  var hint = params.get('login_hint');
  if (hint) {
    sessionStorage.setItem('m365signup.account', hint.toLowerCase());
    params.delete('login_hint');
    history.replaceState(null, '', location.pathname + (params.toString() ? '?' + params : ''));
  }
  var account = sessionStorage.getItem('m365signup.account');
  var PRODUCTS = {
    '7e4f2a1c-3b5d-4c6e-8f90-1a2b3c4d5e01': 'Microsoft 365 Business Basic',
    '9a1b2c3d-4e5f-4a6b-8c7d-2e3f4a5b6c02': 'Microsoft 365 Business Standard',
    'b3c4d5e6-7f80-4912-a3b4-c5d6e7f80903': 'Microsoft 365 Business Premium',
    'd5e6f708-192a-4b3c-9d4e-5f60718293a4': 'Microsoft 365 Apps for business',
  };
  var product = PRODUCTS[params.get('products')] || 'Microsoft 365 Business Standard';
  var trial = params.get('ali') === '1';
  var layout2017 = params.get('layout') === '2017';

  var h = window.ReplicaDom.h;
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }
  function field(label, input) {
    var id = 'fld-' + label.toLowerCase().replace(/[^a-z]+/g, '-');
    input.id = id;
    return h('div', { class: 'field' }, h('label', { for: id, text: label }), input);
  }

  function header() {
    clear(right);
    if (account) {
      right.appendChild(h('span', { class: 'ms-header-account', text: account }));
    } else if (layout2017) {
      var authorize = new URL('https://login.microsoftonline.com/common/oauth2/authorize');
      authorize.searchParams.set('client_id', '3c8a2e1f-6b4d-4f7a-9e0c-5d1b2a3c4e6f');
      authorize.searchParams.set('response_type', 'code');
      authorize.searchParams.set('redirect_uri', location.href);
      right.appendChild(h('a', { class: 'ms-signin', href: authorize.toString(), text: 'Sign in' }));
    }
  }

  function trialForm() {
    clear(app);
    var f = h('form', { novalidate: true, 'aria-label': 'Welcome, let\u2019s get to know you' },
      h('h1', { text: 'Welcome, let\u2019s get to know you' }),
      h('p', { class: 'product', text: product + (trial ? ' trial' : '') }),
      field('Country or region', h('select', { name: 'country' }, h('option', { text: 'United States' }), h('option', { text: 'United Kingdom' }))),
      field('First name', h('input', { type: 'text', name: 'firstName' })),
      field('Last name', h('input', { type: 'text', name: 'lastName' })),
      field('Business email address', h('input', { type: 'email', name: 'email' })),
      field('Business phone number', h('input', { type: 'tel', name: 'phone' })),
      field('Company name', h('input', { type: 'text', name: 'company' })),
      field('Organization size', h('select', { name: 'size' }, h('option', { text: '1 person' }), h('option', { text: '2-9 people' }), h('option', { text: '10-49 people' }))),
      h('button', { type: 'submit', class: 'ms-Button ms-Button--primary', text: 'Next' }));
    f.addEventListener('submit', function (e) {
      e.preventDefault();
      clear(app);
      app.appendChild(h('h1', { text: 'Create your user ID' }));
      app.appendChild(h('p', { text: 'You\u2019re creating a new organization: yourcompany.onmicrosoft.com' }));
    });
    app.appendChild(f);
  }

  // Today's email-first sign-up. Existing organizations: the domains of the
  // replica's one directory (tests/replicas/README.md: Contoso only).
  function existingOrg(email) {
    var m = /@([^@\s]+)$/.exec(email.trim().toLowerCase());
    if (!m) return null;
    return /(^|\.)contoso\.(onmicrosoft\.)?com$/.test(m[1]) ? 'contoso.onmicrosoft.com' : null;
  }

  function emailFirst() {
    clear(app);
    var email = h('input', { type: 'email', name: 'email', autocomplete: 'email' });
    var f = h('form', { novalidate: true, 'aria-label': 'Subscription and account details' },
      h('h1', { text: 'Subscription and account details' }),
      h('p', { class: 'product', text: product + (trial ? ' trial' : '') }),
      h('p', { text: 'Enter an email address that you already use. We\u2019ll use it to contact you during setup.' }),
      field('Email', email),
      h('button', { type: 'submit', class: 'ms-Button ms-Button--primary', text: 'Next' }));
    f.addEventListener('submit', function (e) {
      e.preventDefault();
      var value = email.value;
      clear(app);
      app.appendChild(h('div', { class: 'spinner', role: 'progressbar', 'aria-label': 'Checking your email' }));
      setTimeout(function () {
        var org = existingOrg(value);
        if (org) existingAccount(value, org);
        else newAccount(value);
      }, 500);
    });
    app.appendChild(f);
  }

  function signInHref(hint) {
    var authorize = new URL('https://login.microsoftonline.com/common/oauth2/authorize');
    authorize.searchParams.set('client_id', '3c8a2e1f-6b4d-4f7a-9e0c-5d1b2a3c4e6f');
    authorize.searchParams.set('response_type', 'code');
    if (hint) authorize.searchParams.set('login_hint', hint);
    authorize.searchParams.set('redirect_uri', location.href);
    return authorize.toString();
  }

  function trapChosen() {
    clear(app);
    app.appendChild(h('h1', { text: 'Create your account' }));
    app.appendChild(h('p', { text: 'You\u2019re creating a new organization: yourcompany.onmicrosoft.com' }));
    app.appendChild(field('Business phone number', h('input', { type: 'tel', name: 'phone' })));
    app.appendChild(h('button', { type: 'button', class: 'ms-Button ms-Button--primary', text: 'Send verification code' }));
  }

  function existingAccount(value, org) {
    clear(app);
    app.appendChild(h('h1', { text: 'You already have an account' }));
    app.appendChild(h('p', { text: value + ' belongs to an organization that already uses Microsoft services (' + org + ').' }));
    app.appendChild(h('div', { class: 'choices', role: 'group', 'aria-label': 'How do you want to continue?' },
      h('div', { class: 'choice' },
        h('h2', { text: 'Sign in to your organization' }),
        h('p', { text: 'Add ' + product + ' to ' + org + '.' }),
        h('a', { class: 'ms-Button ms-Button--primary', role: 'button', href: signInHref(value), text: 'Sign in' })),
      h('div', { class: 'choice' },
        h('h2', { text: 'Use a different account' }),
        h('p', { text: 'Set up a new organization with a new account.' }),
        h('button', { type: 'button', class: 'ms-Button', text: 'Create a new account', onclick: trapChosen }))));
  }

  function newAccount(value) {
    clear(app);
    app.appendChild(h('h1', { text: 'Looks like you\u2019re new' }));
    app.appendChild(h('p', { text: 'We\u2019ll set up a new account for ' + value + '.' }));
    app.appendChild(h('button', { type: 'button', class: 'ms-Button ms-Button--primary', text: 'Set up account', onclick: trapChosen }));
  }

  function checkout() {
    clear(app);
    app.appendChild(h('h1', { text: 'Check out' }));
    app.appendChild(h('p', { text: 'Signed in as ' + account }));
    app.appendChild(h('div', { class: 'order' },
      h('div', { text: product + (trial ? ' trial' : '') }),
      h('div', { text: 'Quantity: 25 users' }),
      h('div', { text: 'Subtotal: $0.00 for one month' })));
    app.appendChild(h('button', {
      type: 'button', class: 'ms-Button ms-Button--primary', text: 'Try now',
      onclick: function () {
        clear(app);
        app.appendChild(h('div', { class: 'spinner', role: 'progressbar', 'aria-label': 'Placing your order' }));
        setTimeout(function () {
          history.pushState(null, '', '/get-started/receipt' + location.search);
          receipt();
        }, 600);
      },
    }));
  }

  function receipt() {
    clear(app);
    var admin = new URL('https://admin.microsoft.com/');
    admin.searchParams.set('login_hint', account);
    admin.hash = '#/homepage';
    app.appendChild(h('h1', { text: 'Order receipt' }));
    app.appendChild(h('p', { text: 'Thank you for your order. ' + product + ' has been added to your organization.' }));
    app.appendChild(h('div', { class: 'order' }, h('div', { text: 'Order number: 4821-7730' }), h('div', { text: 'Account: ' + account })));
    app.appendChild(h('button', { type: 'button', class: 'ms-Button ms-Button--primary', text: 'Continue', onclick: function () { location.assign(admin.toString()); } }));
  }

  function render() {
    header();
    if (/\/receipt$/.test(location.pathname) && account) receipt();
    else if (account) checkout();
    else if (layout2017) trialForm();
    else emailFirst();
  }
  window.addEventListener('popstate', render);
  setTimeout(render, 700);
})();
