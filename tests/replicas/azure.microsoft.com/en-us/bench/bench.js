// Benchmark page for tests/bench/latency.mjs. Not a replica of a real page and
// not a hook for Waymark: the page builds a 10,000-node table, rewrites 100
// cells every 50 ms, and, when the bench asks it to, inserts the site's
// "Start free" call to action late, re-renders it or scrolls its container,
// timing in its own main world (performance.now()) when the highlight shows
// up. It observes only its own DOM: the marker attribute on its own link,
// and the open shadow root / overlay element the tool puts into the page.
//
// ?lib=waymark (the extension paints; the page loads nothing else),
// ?lib=driver  (the page loads driver.js 1.8.0 from vendor/, served by the
//               bench at run time, and drives one step with waitForElement),
// ?lib=none    (no tool: the baseline for main-thread cost).
(function () {
  'use strict';
  var FREE = 'https://signup.azure.com/signup?offer=ms-azr-0044p&appId=102&ref=azureplat-generic';
  var ROWS = 1420;
  var COLS = 6;
  var STORM_EVERY = 50;
  var STORM_CELLS = 100;
  var lib = new URLSearchParams(location.search).get('lib') || 'waymark';

  // ------------------------------------------------------------ the page
  var cells = [];
  var tbody = document.querySelector('.grid tbody');
  var frag = document.createDocumentFragment();
  for (var r = 0; r < ROWS; r++) {
    var tr = document.createElement('tr');
    for (var c = 0; c < COLS; c++) {
      var td = document.createElement('td');
      td.textContent = String(10000 + ((r * 7919 + c * 104729) % 90000));
      tr.appendChild(td);
      cells.push(td);
    }
    frag.appendChild(tr);
  }
  tbody.appendChild(frag);
  var rewrites = 0;
  setInterval(function () {
    for (var i = 0; i < STORM_CELLS; i++) {
      cells[(Math.random() * cells.length) | 0].textContent = String(10000 + ((Math.random() * 90000) | 0));
    }
    rewrites++;
  }, STORM_EVERY);

  var slot = document.querySelector('.hero-ctas');
  var scroller = document.querySelector('.scroller');
  function startFree() {
    var a = document.createElement('a');
    a.className = 'btn btn-primary';
    a.href = FREE;
    a.setAttribute('aria-label', 'Start free with an Azure free account');
    a.textContent = 'Start free';
    return a;
  }
  var link = function () {
    return slot.querySelector('a');
  };

  // ------------------------------------------------------------ the tools
  // Each tool: is this element marked as highlighted, and where is the box
  // it draws (viewport rect, or null when it shows none)?
  var TOOLS = {
    waymark: {
      attr: 'data-waymark-target',
      marked: function (el) {
        return el.hasAttribute('data-waymark-target');
      },
      box: function () {
        var host = document.getElementById('waymark-root');
        var hl = host && host.shadowRoot && host.shadowRoot.querySelector('.hl');
        if (!hl || hl.hidden) return null;
        var b = hl.getBoundingClientRect();
        return b.width && b.height ? b : null;
      },
    },
    driver: {
      attr: 'class',
      marked: function (el) {
        return el.classList.contains('driver-active-element');
      },
      // The stage is the hole in the overlay's SVG path:
      // "M{x+r},{y} h{w-2r} a{r},{r} ... v{h-2r} ..." after the full-screen rectangle.
      box: function () {
        var p = document.querySelector('svg.driver-overlay path');
        var d = p && p.getAttribute('d');
        var m = d && /M\s*([-\d.]+),([-\d.]+)\s*h([-\d.]+)\s*a([-\d.]+),[-\d.]+ 0 0 1 [-\d.]+,[-\d.]+\s*v([-\d.]+)/.exec(d.split('Z')[1] || '');
        if (!m) return null;
        var rr = Number(m[4]);
        return { x: Number(m[1]) - rr, y: Number(m[2]), width: Number(m[3]) + 2 * rr, height: Number(m[5]) + 2 * rr };
      },
    },
    none: {
      attr: 'class',
      marked: function () {
        return false;
      },
      box: function () {
        return null;
      },
    },
  };
  var T = TOOLS[lib] || TOOLS.none;

  // Distance between the centres of the box and the element (padding-free),
  // and whether the box encloses the element with its centre within 2 px.
  function offset(b, el) {
    var r = el.getBoundingClientRect();
    var dx = b.x + b.width / 2 - (r.x + r.width / 2);
    var dy = b.y + b.height / 2 - (r.y + r.height / 2);
    return { off: Math.round(Math.hypot(dx, dy) * 10) / 10, encloses: b.width >= r.width - 1 && b.height >= r.height - 1 };
  }
  function onTarget(b, el) {
    if (!b || !el.isConnected) return false;
    var o = offset(b, el);
    return o.off <= 2 && o.encloses;
  }

  // How many of three page links can a click reach right now: the logo (top
  // left), "Sign in" (top right, where a floating callout may sit) and a
  // link in the page's middle? Returns e.g. "3/3".
  function clickable() {
    var probes = [document.querySelector('.c-logo'), document.querySelector('.signin'), document.querySelector('.grid-wrap a')];
    var ok = 0;
    probes.forEach(function (a) {
      var r = a.getBoundingClientRect();
      var hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      if (hit && (hit === a || a.contains(hit))) ok++;
    });
    return ok;
  }

  // From t0, when does `el` carry the marker (MutationObserver on the
  // element's own attribute: the time the tool set it), and at which
  // animation frame does the tool's box first sit on it?
  function watch(el, t0, timeout) {
    return new Promise(function (resolve) {
      var marker = T.marked(el) ? 0 : null;
      var firstFrame = null;
      var done = false;
      var mo = new MutationObserver(function () {
        if (marker == null && T.marked(el)) marker = performance.now() - t0;
      });
      mo.observe(el, { attributes: true, attributeFilter: [T.attr] });
      function finish(box) {
        done = true;
        mo.disconnect();
        var b = T.box();
        resolve({ marker: marker, box: box, firstFrame: firstFrame, offset: b && el.isConnected ? offset(b, el).off : null });
      }
      function frame() {
        if (done) return;
        var now = performance.now();
        if (firstFrame == null) firstFrame = now - t0;
        if (marker != null && onTarget(T.box(), el)) return finish(now - t0);
        if (now - t0 > timeout) return finish(null);
        requestAnimationFrame(frame);
      }
      requestAnimationFrame(frame);
    });
  }

  function sleep(ms) {
    return new Promise(function (r) {
      setTimeout(r, ms);
    });
  }

  // ------------------------------------------------------------ driver.js
  var libReady = lib !== 'driver';
  if (lib === 'driver') {
    var css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = '/en-us/bench/vendor/driver.css';
    document.head.appendChild(css);
    var s = document.createElement('script');
    s.src = '/en-us/bench/vendor/driver.js.iife.js';
    s.addEventListener('load', function () {
      // The way an integrator points driver.js at a late "Start free":
      // an element function and waitForElement.
      var named = function () {
        var els = document.querySelectorAll("a, button, [role='button'], [role='link']");
        for (var i = 0; i < els.length; i++) {
          var n = (els[i].getAttribute('aria-label') || els[i].textContent || '').trim();
          if (/^start free\b/i.test(n)) return els[i];
        }
        return null;
      };
      var d = window.driver.js.driver({
        waitForElement: 60000,
        steps: [{ element: named, popover: { title: 'Start free', description: 'Click "Start free".' } }],
      });
      d.drive();
      libReady = true;
    });
    document.head.appendChild(s);
  }

  // ------------------------------------------------------------ the bench's API
  window.__bench = {
    lib: lib,
    nodes: function () {
      return document.getElementsByTagName('*').length;
    },
    rewrites: function () {
      return rewrites;
    },
    // Ready to measure: driver.js loaded and driving, or Waymark's overlay
    // root in the page (the engine has answered for this page).
    ready: function () {
      if (!libReady) return false;
      return lib !== 'waymark' || !!document.getElementById('waymark-root');
    },
    // 1. Insert "Start free" after `delay` ms; time the highlight.
    insertLate: function (delay, timeout) {
      slot.replaceChildren();
      return sleep(delay).then(function () {
        var before = clickable();
        var el = startFree();
        var t0 = performance.now();
        slot.appendChild(el);
        return watch(el, t0, timeout || 5000).then(function (r) {
          r.insertedAt = performance.timeOrigin + t0; // wall clock, to compare with the worker's
          r.clickableWhileWaiting = before;
          r.clickableAfter = clickable();
          return r;
        });
      });
    },
    // 2. Replace the highlighted link with an equal new node; `shift` also
    // toggles a one-line notice above it (the block re-renders one line lower
    // or higher), so a box left where the old node was is visibly off.
    rerender: function (shift, timeout) {
      var old = link();
      var wasMarked = !!old && T.marked(old);
      var el = startFree();
      var t0 = performance.now();
      if (shift) {
        var n = slot.querySelector('.notice');
        if (n) n.remove();
        else {
          var p = document.createElement('p');
          p.className = 'notice';
          p.textContent = 'Offer updated';
          slot.insertBefore(p, slot.firstChild);
        }
      }
      if (old) old.replaceWith(el);
      else slot.appendChild(el);
      return watch(el, t0, timeout || 1000).then(function (r) {
        r.wasMarked = wasMarked;
        r.oldMarked = !!old && T.marked(old);
        return r;
      });
    },
    // 3. Scroll the container by dy; then, every frame for `settle` ms,
    // where is the box? Reports the time it first sat on the target and the
    // offset at the end.
    scroll: function (dy, settle) {
      var el = link();
      var before = T.box();
      var beforeOff = before && el ? offset(before, el).off : null;
      var t0 = performance.now();
      var from = scroller.scrollTop;
      scroller.scrollTop = from + dy;
      var moved = scroller.scrollTop - from;
      return new Promise(function (resolve) {
        var follow = null;
        // Every frame from the first after the scroll: how far the box is
        // off (worst frame), and in how many frames it is not on the link
        // within 1 px (no box at all counts as behind).
        var frames = 0;
        var lagFrames = 0;
        var maxOff = null;
        function frame() {
          var now = performance.now();
          var b = T.box();
          var o = b && el ? offset(b, el) : null;
          frames++;
          if (!o || o.off > 1 || !o.encloses) lagFrames++;
          if (o && (maxOff == null || o.off > maxOff)) maxOff = o.off;
          if (follow == null && el && onTarget(b, el)) follow = now - t0;
          if (now - t0 < (settle || 400)) return requestAnimationFrame(frame);
          resolve({
            moved: moved,
            beforeOff: beforeOff,
            follow: follow,
            off: o ? o.off : null,
            on: !!el && onTarget(b, el),
            frames: frames,
            lagFrames: lagFrames,
            maxOff: maxOff,
          });
        }
        requestAnimationFrame(frame);
      });
    },
    // 4. Main-thread cost for `ms`: long tasks and frame intervals.
    cost: function (ms) {
      return new Promise(function (resolve) {
        var longN = 0;
        var longMs = 0;
        var po = null;
        try {
          po = new PerformanceObserver(function (list) {
            list.getEntries().forEach(function (e) {
              longN++;
              longMs += e.duration;
            });
          });
          po.observe({ type: 'longtask' });
        } catch (e) {
          po = null;
        }
        var frames = [];
        var t0 = performance.now();
        var last = t0;
        var r0 = rewrites;
        function frame(now) {
          frames.push(now - last);
          last = now;
          if (now - t0 < ms) return requestAnimationFrame(frame);
          if (po) {
            list2(po.takeRecords());
            po.disconnect();
          }
          resolve({ ms: now - t0, rewrites: rewrites - r0, longTasks: po ? longN : null, longTaskMs: po ? longMs : null, frames: frames });
        }
        function list2(entries) {
          entries.forEach(function (e) {
            longN++;
            longMs += e.duration;
          });
        }
        requestAnimationFrame(frame);
      });
    },
    clickable: clickable,
    marked: function () {
      var el = link();
      return !!el && T.marked(el);
    },
  };
})();
