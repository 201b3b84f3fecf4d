// Replica of the Azure sign-up site (signup.azure.com, also
// account.azure.com/signup): it needs a signed-in account, so it sends the
// browser to login.microsoftonline.com first; back with the account it shows
// the sign-up form; completing it leads to the Azure portal.
(function () {
  'use strict';
  var app = document.getElementById('app');
  var params = new URLSearchParams(location.search);
  var hint = params.get('login_hint');
  if (hint) {
    sessionStorage.setItem('signup.account', hint.toLowerCase());
    params.delete('login_hint');
    history.replaceState(null, '', location.pathname + (params.toString() ? '?' + params : ''));
  }
  var account = sessionStorage.getItem('signup.account');

  var h = window.ReplicaDom.h;
  function clear() { while (app.firstChild) app.removeChild(app.firstChild); }

  if (!account) {
    var authorize = new URL('https://login.microsoftonline.com/common/oauth2/v2.0/authorize');
    authorize.searchParams.set('client_id', '0b5f3a7e-9c2d-4b61-8e3f-7a1c2d4e6f80');
    authorize.searchParams.set('response_type', 'code');
    authorize.searchParams.set('scope', 'openid profile');
    authorize.searchParams.set('redirect_uri', location.href);
    setTimeout(function () { location.replace(authorize.toString()); }, 200);
    return;
  }
  document.querySelector('.signup-account').textContent = account;

  function field(label, input) {
    var id = 'fld-' + label.toLowerCase().replace(/[^a-z]+/g, '-');
    input.id = id;
    return h('div', { class: 'field' }, h('label', { for: id, text: label }), input);
  }

  function form() {
    clear();
    var offer = params.get('offer') === 'ms-azr-0003p' ? 'Pay-As-You-Go' : 'Azure free account';
    var err = h('div', { class: 'error', role: 'alert' });
    var f = h('form', { novalidate: true, 'aria-label': offer + ' sign up' },
      h('h1', { text: offer + ' sign up' }),
      h('p', { text: 'Signed in as ' + account + '. Enter the required information to complete sign-up.' }),
      h('h2', { text: '1. Your profile' }),
      field('Country/Region', h('select', { name: 'country' }, h('option', { value: 'US', text: 'United States' }), h('option', { value: 'GB', text: 'United Kingdom' }), h('option', { value: 'DE', text: 'Germany' }))),
      field('First name', h('input', { type: 'text', name: 'firstName', autocomplete: 'given-name', required: true })),
      field('Last name', h('input', { type: 'text', name: 'lastName', autocomplete: 'family-name', required: true })),
      field('Email address for important notifications', h('input', { type: 'email', name: 'email', autocomplete: 'email' })),
      field('Phone', h('input', { type: 'tel', name: 'phone', autocomplete: 'tel', required: true })),
      h('h2', { text: '2. Agreement' }),
      h('div', { class: 'agreement' }, h('label', null, h('input', { type: 'checkbox', name: 'agreement' }), ' I agree to the customer agreement and privacy agreement.')),
      err,
      h('button', { type: 'submit', class: 'button-primary', text: 'Sign up' }));
    f.addEventListener('submit', function (e) {
      e.preventDefault();
      var ok = f.elements.firstName.value.trim() && f.elements.lastName.value.trim() && f.elements.phone.value.trim() && f.elements.agreement.checked;
      if (!ok) { err.textContent = 'Fill in the required fields and accept the agreement.'; return; }
      err.textContent = '';
      clear();
      app.appendChild(h('div', { class: 'spinner', role: 'progressbar', 'aria-label': 'Setting up your subscription' }));
      setTimeout(function () {
        history.pushState(null, '', '/signup/success' + location.search);
        success();
      }, 600);
    });
    app.appendChild(f);
  }

  function success() {
    clear();
    var portal = new URL('https://portal.azure.com/');
    portal.searchParams.set('login_hint', account);
    portal.hash = '#home';
    app.appendChild(h('h1', { text: 'You\u2019re ready to start with your Azure free account' }));
    app.appendChild(h('p', { text: 'Your subscription was created in the directory of ' + account + '.' }));
    app.appendChild(h('a', { class: 'button-primary', href: portal.toString(), text: 'Go to Azure portal' }));
  }

  setTimeout(function () {
    if (/\/success$/.test(location.pathname)) success(); else form();
  }, 800);
  window.addEventListener('popstate', function () { if (/\/success$/.test(location.pathname)) success(); else form(); });
})();
