// Replica of the Microsoft sign-in page's three views: user name, password,
// "Stay signed in?". Element ids are the real ones (#i0116 / loginfmt,
// #i0118 / passwd, #idSIButton9, #idBtn_Back). On success it returns to the
// caller's redirect_uri with login_hint=<account>, standing in for the
// id_token/code the real service posts back.
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var form = document.getElementById('i0281');
  var user = document.getElementById('i0116');
  var pass = document.getElementById('i0118');
  var next = document.getElementById('idSIButton9');
  var back = document.getElementById('idBtn_Back');
  var views = { username: document.getElementById('usernameView'), password: document.getElementById('passwordView'), kmsi: document.getElementById('kmsiView') };
  var step = 'username';
  var account = params.get('login_hint') || '';
  if (account) user.value = account;

  var ALLOWED = /^https:\/\/(portal\.azure\.com|entra\.microsoft\.com|signup\.azure\.com|account\.azure\.com|signup\.microsoft\.com|admin\.microsoft\.com|admin\.cloud\.microsoft|azure\.microsoft\.com|www\.microsoft\.com)(\/|$)/;

  function show(s) {
    step = s;
    views.username.hidden = s !== 'username';
    views.password.hidden = s !== 'password';
    views.kmsi.hidden = s !== 'kmsi';
    document.getElementById('loginHeader').hidden = s !== 'username';
    back.hidden = s === 'username';
    back.value = s === 'kmsi' ? 'No' : 'Back';
    next.value = s === 'username' ? 'Next' : s === 'password' ? 'Sign in' : 'Yes';
    if (s === 'username') user.focus();
    if (s === 'password') pass.focus();
  }

  function finish() {
    var target = params.get('redirect_uri') || params.get('ru') || 'https://portal.azure.com/';
    if (!ALLOWED.test(target)) target = 'https://portal.azure.com/';
    var url = new URL(target);
    url.searchParams.set('login_hint', account);
    location.assign(url.toString());
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (step === 'username') {
      var v = user.value.trim();
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v)) {
        document.getElementById('usernameError').textContent = 'Enter a valid email address, phone number, or Skype name.';
        return;
      }
      account = v.toLowerCase();
      document.getElementById('displayName').textContent = account;
      // The real page asks the server whether the account exists first.
      setTimeout(function () { show('password'); }, 300);
    } else if (step === 'password') {
      if (!pass.value) {
        document.getElementById('passwordError').textContent = 'Please enter your password.';
        return;
      }
      setTimeout(function () { show('kmsi'); }, 300);
    } else {
      finish();
    }
  });
  back.addEventListener('click', function () {
    if (step === 'kmsi') finish();
    else show('username');
  });
})();
