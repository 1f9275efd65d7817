// Previews of what a reference points at, in a small box beside it: a cited work's entry, a figure or
// table, an equation, a footnote. One component for every kind: it shows a copy of the link's target.
// Hover shows it (after a short pause, so a passing pointer does not), keyboard focus shows it, Esc
// hides it; on a touch screen the first tap shows it with a link to go there, a second tap goes.
(function () {
  "use strict";

  var REFERENCES = "a.fn-citation__work, a.fn-xref, a.footnote-ref, a[href^='#eq-']";
  var SHOW_AFTER = 250;  // ms of hovering before the box opens
  var HIDE_AFTER = 300;  // ms to reach the box from the link before it closes
  var GAP = 8;           // px between the link and the box
  var script = document.currentScript;
  var goLabel = script.dataset.go || "";

  var box = document.createElement("div");
  box.className = "fn-preview";
  box.id = "fn-preview";
  box.setAttribute("role", "tooltip");
  box.hidden = true;
  var content = document.createElement("div");
  content.className = "fn-preview__content";
  var go = document.createElement("a");
  go.className = "fn-preview__go";
  go.hidden = true;
  box.append(content, go);

  var current = null;  // the link whose preview is shown
  var showTimer = 0, hideTimer = 0;

  // The part of the target worth previewing, copied without ids (they must stay unique) or back links.
  function excerpt(link) {
    var id = decodeURIComponent(link.hash.slice(1));
    var target = document.getElementById(id);
    if (!target) return null;
    var part = target.querySelector(".csl-entry") || target;
    var copy = part.cloneNode(true);
    copy.removeAttribute("id");
    copy.querySelectorAll("[id]").forEach(function (node) { node.removeAttribute("id"); });
    copy.querySelectorAll(".footnote-backref, .fn-references__cited, .headerlink, .fn-figure__zoom").forEach(function (node) { node.remove(); });
    copy.querySelectorAll("a, button, [tabindex]").forEach(function (node) { node.setAttribute("tabindex", "-1"); });
    copy.querySelectorAll("img").forEach(function (img) { img.loading = "eager"; });
    return copy;
  }

  function place(link) {
    var rect = link.getBoundingClientRect();
    var width = box.offsetWidth, height = box.offsetHeight;
    var left = Math.min(Math.max(GAP, rect.left), document.documentElement.clientWidth - width - GAP);
    var below = rect.bottom + GAP + height <= window.innerHeight || rect.top < height + GAP;
    var top = below ? rect.bottom + GAP : rect.top - GAP - height;
    box.style.left = Math.max(GAP, left) + window.scrollX + "px";
    box.style.top = top + window.scrollY + "px";
  }

  function show(link, touch) {
    clearTimeout(hideTimer);
    if (current === link && !box.hidden) return;
    var copy = excerpt(link);
    if (!copy) return;
    hide();
    content.replaceChildren(copy);
    go.hidden = !touch || !goLabel;
    go.href = link.hash;
    go.textContent = goLabel;
    if (!box.isConnected) document.body.appendChild(box);
    box.hidden = false;
    place(link);
    current = link;
    link.setAttribute("aria-describedby", box.id);
  }

  function hide() {
    clearTimeout(showTimer);
    if (current) current.removeAttribute("aria-describedby");
    current = null;
    box.hidden = true;
    content.replaceChildren();
  }

  function reference(event) {
    var link = event.target.closest && event.target.closest(REFERENCES);
    return link && link.hash && link.pathname === location.pathname ? link : null;
  }

  document.addEventListener("pointerover", function (event) {
    if (event.pointerType === "touch") return;
    var link = reference(event);
    if (link) {
      clearTimeout(hideTimer);
      clearTimeout(showTimer);
      showTimer = setTimeout(function () { show(link, false); }, SHOW_AFTER);
    } else if (!box.contains(event.target)) {
      clearTimeout(showTimer);
    }
  });
  document.addEventListener("pointerout", function (event) {
    if (event.pointerType === "touch" || (!reference(event) && !box.contains(event.target))) return;
    if (event.relatedTarget && (box.contains(event.relatedTarget) || (current && current.contains(event.relatedTarget)))) return;
    clearTimeout(showTimer);
    hideTimer = setTimeout(hide, HIDE_AFTER);
  });
  // A press focuses the link before its click: that focus is the pointer's, which hover and tap handle.
  var pressed = null;
  document.addEventListener("pointerdown", function (event) { pressed = reference(event); }, true);
  document.addEventListener("focusin", function (event) {
    var link = reference(event);
    if (link && link === pressed) return;
    if (link) show(link, false);
    else if (!box.contains(event.target)) hide();
  });
  // A tap on a reference shows its preview; a second tap on the same one, or on "go", follows it.
  document.addEventListener("click", function (event) {
    var link = reference(event);
    pressed = null;
    if (!link) {
      if (!box.contains(event.target)) hide();
      return;
    }
    if (event.pointerType === "touch" || (event.detail && matchMedia("(hover: none)").matches)) {
      if (current !== link) {
        event.preventDefault();
        show(link, true);
        return;
      }
    }
    hide();
  });
  document.addEventListener("keydown", function (event) {
    pressed = null;  // a focus that follows a key is the keyboard's, whatever was pressed before
    if (event.key === "Escape" && current) {
      var link = current;
      hide();
      link.focus();
    }
  });
  window.addEventListener("resize", function () { if (current) place(current); });
})();
