// Plan cards of the Microsoft 365 business plans page, rendered client-side
// a moment after load. "Buy now" and "Try free for one month" both lead to
// signup.microsoft.com with the plan's product id.
(function () {
  'use strict';
  var PLANS = [
    { name: 'Microsoft 365 Business Basic', price: '$6.00', product: '7e4f2a1c-3b5d-4c6e-8f90-1a2b3c4d5e01', trial: true },
    { name: 'Microsoft 365 Business Standard', price: '$12.50', product: '9a1b2c3d-4e5f-4a6b-8c7d-2e3f4a5b6c02', trial: true },
    { name: 'Microsoft 365 Business Premium', price: '$22.00', product: 'b3c4d5e6-7f80-4912-a3b4-c5d6e7f80903', trial: true },
    { name: 'Microsoft 365 Apps for business', price: '$8.25', product: 'd5e6f708-192a-4b3c-9d4e-5f60718293a4', trial: false },
  ];
  var h = window.ReplicaDom.h;
  // Test switch, like the portal's ?layout=2017: the sign-up links carry it
  // on to signup.microsoft.com, which then shows the 2017 trial form
  // instead of today's email-first sign-up.
  var layout2017 = new URLSearchParams(location.search).get('layout') === '2017';
  setTimeout(function () {
    var box = document.querySelector('section.plans');
    PLANS.forEach(function (p) {
      var base = 'https://signup.microsoft.com/get-started/signup?products=' + p.product + '&culture=en-us&country=us' + (layout2017 ? '&layout=2017' : '');
      var card = h('div', { class: 'plan-card' });
      card.appendChild(h('h2', {}, p.name));
      card.appendChild(h('div', { class: 'price' }, p.price));
      card.appendChild(h('div', {}, 'user/month (Annual subscription\u2013auto renews)'));
      card.appendChild(h('a', { class: 'btn btn-primary', href: base, 'aria-label': 'Buy now ' + p.name }, 'Buy now'));
      if (p.trial) card.appendChild(h('a', { class: 'btn btn-link', href: base + '&ali=1', 'aria-label': 'Try free for one month ' + p.name }, 'Try free for one month'));
      box.appendChild(card);
    });
  }, 600);
})();
