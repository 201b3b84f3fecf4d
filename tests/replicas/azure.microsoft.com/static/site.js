// The marketing site hydrates its calls to action after load (the real page
// renders them client-side), so "Start free" appears about a second late.
(function () {
  'use strict';
  var FREE = 'https://signup.azure.com/signup?offer=ms-azr-0044p&appId=102&ref=azureplat-generic';
  var PAYG = 'https://signup.azure.com/signup?offer=ms-azr-0003p&appId=102&ref=azureplat-generic';
  var h = window.ReplicaDom.h;
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }
  function hydrate() {
    document.querySelectorAll('.hero-ctas').forEach(function (box) {
      clear(box);
      box.appendChild(h('a', { class: 'btn btn-primary', href: FREE, 'aria-label': 'Start free with an Azure free account' }, 'Start free'));
      box.appendChild(h('a', { class: 'btn', href: PAYG, 'aria-label': 'Pay as you go with an Azure pay-as-you-go account' }, 'Pay as you go'));
    });
    document.querySelectorAll('section.cards').forEach(function (box) {
      clear(box);
      var free = h('div', { class: 'card' });
      free.appendChild(h('h2', {}, 'Azure free account'));
      free.appendChild(h('p', {}, 'Explore Azure for 30 days with USD200 credit, then keep going for free.'));
      free.appendChild(h('a', { class: 'btn btn-primary', href: FREE }, 'Try Azure for free'));
      var payg = h('div', { class: 'card' });
      payg.appendChild(h('h2', {}, 'Pay as you go'));
      payg.appendChild(h('p', {}, 'Pay only for what you use beyond free amounts of services.'));
      payg.appendChild(h('a', { class: 'btn', href: PAYG }, 'Pay as you go'));
      box.appendChild(free);
      box.appendChild(payg);
    });
  }
  setTimeout(hydrate, /\/free\/?$/.test(location.pathname) ? 1200 : 500);
})();
