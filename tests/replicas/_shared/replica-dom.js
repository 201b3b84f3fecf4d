// The replicas' DOM builder, one copy for every replica script. Served under
// each replica's own origin and path (tests/server/server.mjs, `sharedFile`),
// as a real site serves its own bundles; it builds the replicas' markup and
// adds nothing to it.
//
// h(tag, attrs, ...children): attrs `text` sets textContent, `on<event>` adds
// a listener, true gives an empty attribute, false/null leave it out;
// children are nodes, strings (text nodes) or arrays of them.
(function () {
  'use strict';

  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        if (attrs[k] == null || attrs[k] === false) continue;
        if (k === 'text') el.textContent = attrs[k];
        else if (k.slice(0, 2) === 'on') el.addEventListener(k.slice(2), attrs[k]);
        else el.setAttribute(k, attrs[k] === true ? '' : attrs[k]);
      }
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c == null) continue;
      if (Array.isArray(c)) c.forEach(function (x) { if (x != null) el.appendChild(typeof x === 'string' ? document.createTextNode(x) : x); });
      else el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return el;
  }

  window.ReplicaDom = { h: h };
})();
