// Replica of the Microsoft 365 trial sign-up (signup.microsoft.com). Signed
// out, it shows the "let's get to know you" form that creates a NEW tenant,
// and a "Sign in" link in the upper right. Signed in (back from
// login.microsoftonline.com), it shows check-out with "Try now", then the
// order receipt with "Continue" to the Microsoft 365 admin center.
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
    } else {
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
    else trialForm();
  }
  window.addEventListener('popstate', render);
  setTimeout(render, 700);
})();
