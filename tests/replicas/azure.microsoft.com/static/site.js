// The marketing site hydrates its calls to action after load (the real page
// renders them client-side), so "Start free" appears about a second late.
// Under /de-de/ (<html lang="de-de">) the same calls to action in German:
// "Kostenlos starten" as the de-DE Azure docs name the free page's button
// (otrekw/azure-docs.de-de, articles/cognitive-services/Speech-Service/
// get-started.md, ms.date 04/03/2020); "Nutzungsbasierte Bezahlung" is the
// de-DE docs' word for pay-as-you-go ("Konto mit nutzungsbasierter
// Bezahlung"), its use as the button's label assumed. Only the free page
// and the home page exist in German (no German purchase-options cards).
(function () {
  'use strict';
  var FREE = 'https://signup.azure.com/signup?offer=ms-azr-0044p&appId=102&ref=azureplat-generic';
  var PAYG = 'https://signup.azure.com/signup?offer=ms-azr-0003p&appId=102&ref=azureplat-generic';
  var h = window.ReplicaDom.h;
  var W = /^de\b/i.test(document.documentElement.lang)
    ? {
        startFree: 'Kostenlos starten', startFreeLabel: 'Kostenlos starten mit einem kostenlosen Azure-Konto',
        payg: 'Nutzungsbasierte Bezahlung', paygLabel: 'Nutzungsbasierte Bezahlung mit einem Azure-Konto mit nutzungsbasierter Bezahlung',
      }
    : {
        startFree: 'Start free', startFreeLabel: 'Start free with an Azure free account',
        payg: 'Pay as you go', paygLabel: 'Pay as you go with an Azure pay-as-you-go account',
        freeTitle: 'Azure free account', freeText: 'Explore Azure for 30 days with USD200 credit, then keep going for free.',
        tryFree: 'Try Azure for free', paygText: 'Pay only for what you use beyond free amounts of services.',
      };
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }
  function hydrate() {
    document.querySelectorAll('.hero-ctas').forEach(function (box) {
      clear(box);
      box.appendChild(h('a', { class: 'btn btn-primary', href: FREE, 'aria-label': W.startFreeLabel }, W.startFree));
      box.appendChild(h('a', { class: 'btn', href: PAYG, 'aria-label': W.paygLabel }, W.payg));
    });
    document.querySelectorAll('section.cards').forEach(function (box) {
      clear(box);
      var free = h('div', { class: 'card' });
      free.appendChild(h('h2', {}, W.freeTitle));
      free.appendChild(h('p', {}, W.freeText));
      free.appendChild(h('a', { class: 'btn btn-primary', href: FREE }, W.tryFree));
      var payg = h('div', { class: 'card' });
      payg.appendChild(h('h2', {}, W.payg));
      payg.appendChild(h('p', {}, W.paygText));
      payg.appendChild(h('a', { class: 'btn', href: PAYG }, W.payg));
      box.appendChild(free);
      box.appendChild(payg);
    });
  }
  setTimeout(hydrate, /\/free\/?$/.test(location.pathname) ? 1200 : 500);
})();
