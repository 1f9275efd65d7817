// 3D structure viewers of fieldnotes (the ```3dmol block). A 3Dmol.js viewer is created when its figure
// comes near the viewport (3Dmol.js itself is loaded for the first one) and released when it is far away,
// so a long page never holds more than a few WebGL contexts. A live viewer takes the focus and turns with
// the arrow keys. The options come from data-* attributes checked at build time; they are read as data
// and never evaluated.
(function () {
  "use strict";

  var LIBRARY_URL = new URL("3Dmol-min.js", document.currentScript.src).href;
  var NEAR = "200px 0px";   // start a viewer a little before it scrolls into view
  var FAR = "1500px 0px";   // release it only well out of view, so scrolling back and forth stays cheap
  var MAX_LIVE = 8;         // Chrome allows about 16 WebGL contexts per page; stay well below
  var PDB_ID = /^[0-9][A-Za-z0-9]{3}$/;
  var HIGHLIGHT = /^([A-Za-z0-9]{1,4})(?::(\d+)(?:-(\d+))?)?$/;
  var SCHEMES = { chain: "chain", ss: "ssJmol", element: "Jmol" };
  // Degrees and the screen axis each arrow key turns the molecule by: the front moves the arrow's way.
  var TURNS = { ArrowLeft: [-15, "vy"], ArrowRight: [15, "vy"], ArrowUp: [-15, "vx"], ArrowDown: [15, "vx"] };

  var library = null;
  var live = [];

  function loadLibrary() {
    if (!library) {
      library = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = LIBRARY_URL;
        script.onload = function () {
          if (window.$3Dmol) resolve(window.$3Dmol);
          else reject(new Error("3Dmol.js did not define $3Dmol"));
        };
        script.onerror = function () {
          library = null;  // let the next viewer that comes near try again
          script.remove();
          reject(new Error("could not load " + LIBRARY_URL));
        };
        document.head.appendChild(script);
      });
    }
    return library;
  }

  var webgl;  // probed once, when the first viewer comes near: on a slow phone the probe is a long task

  function webglAvailable() {
    if (webgl !== undefined) return webgl;
    try {
      var canvas = document.createElement("canvas");
      var gl = canvas.getContext("webgl2") || canvas.getContext("webgl");
      var lose = gl && gl.getExtension("WEBGL_lose_context");
      if (lose) lose.loseContext();  // a probe must not keep one of the page's few contexts
      webgl = Boolean(gl);
    } catch (error) {
      webgl = false;
    }
    return webgl;
  }

  function fetchText(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(url + ": HTTP " + response.status);
      return response.text();
    });
  }

  function fetchStructure(data) {
    if (data.src) {
      var url = new URL(data.src, location.href);
      if (url.origin !== location.origin) return Promise.reject(new Error("structure files must come from this site"));
      return fetchText(url.href).then(function (text) { return { text: text, format: data.format }; });
    }
    if (!PDB_ID.test(data.pdb || "")) return Promise.reject(new Error("not a PDB id: " + data.pdb));
    var base = "https://files.rcsb.org/download/" + data.pdb.toUpperCase();
    return fetchText(base + ".pdb").then(
      function (text) { return { text: text, format: "pdb" }; },
      // Large entries have no legacy PDB file, only mmCIF.
      function () { return fetchText(base + ".cif").then(function (text) { return { text: text, format: "cif" }; }); }
    );
  }

  function residueRange(atoms) {
    var low = Infinity, high = -Infinity;
    atoms.forEach(function (atom) {
      if (typeof atom.resi === "number") { low = Math.min(low, atom.resi); high = Math.max(high, atom.resi); }
    });
    return low <= high ? [low, high] : [0, 1];
  }

  // 3Dmol.js colours a cartoon by "spectrum" itself (sinebow, N-terminus blue); other styles get the same gradient.
  function colouring(color, style, range) {
    var atoms = style !== "cartoon" && style !== "surface";
    if (color === "highlight") return atoms ? { colorscheme: "orangeCarbon" } : { color: "orange" };
    if (color !== "spectrum") return { colorscheme: SCHEMES[color] };
    if (style === "cartoon") return { color: "spectrum" };
    return { colorscheme: { prop: "resi", gradient: "sinebow", min: range[1], max: range[0] } };
  }

  function addStyles($3Dmol, viewer, selection, styles, colour, range) {
    var spec = {};
    styles.forEach(function (style) {
      if (style !== "surface") spec[style] = colouring(colour, style, range);
    });
    viewer.addStyle(selection, spec);
    if (styles.indexOf("surface") >= 0) {
      var surface = viewer.addSurface($3Dmol.SurfaceType.VDW, Object.assign({ opacity: 0.8 }, colouring(colour, "surface", range)), selection);
      Promise.resolve(surface).then(function () { viewer.render(); });  // surfaces are computed asynchronously
    }
  }

  function highlightSelection(value) {
    var match = HIGHLIGHT.exec(value);
    if (!match) return null;
    var selection = { chain: match[1] };
    if (match[2]) {
      var first = Number(match[2]), last = Number(match[3] || match[2]), resi = [];
      for (var i = first; i <= last; i++) resi.push(i);
      selection.resi = resi;
    }
    return selection;
  }

  function draw($3Dmol, record, structure) {
    var data = record.figure.dataset;
    var stage = document.createElement("div");
    stage.className = "fn-mol__stage";
    record.box.appendChild(stage);
    record.stage = stage;
    var viewer = $3Dmol.createViewer(stage, { backgroundColor: "white" });
    record.viewer = viewer;
    viewer.addModel(structure.text, structure.format);
    var range = residueRange(viewer.selectedAtoms({}));
    viewer.setStyle({}, {});
    addStyles($3Dmol, viewer, {}, data.style.split("+"), data.color, range);
    var highlight = data.highlight && highlightSelection(data.highlight);
    if (highlight) addStyles($3Dmol, viewer, highlight, (data.highlightStyle || "stick").split("+"), "highlight", range);
    viewer.zoomTo();
    viewer.render();
    var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    if (data.spin === "true" && !still) viewer.spin("y", 0.5);
  }

  // The live viewer hides its fallback links: a reader whose focus was on one keeps it on the viewer.
  function offerKeyboard(record, focusInside) {
    var box = record.box;
    box.tabIndex = 0;
    box.setAttribute("role", "application");
    if (record.texts.keys) box.setAttribute("aria-label", record.texts.keys);
    if (focusInside) box.focus({ preventScroll: true });
  }

  function turn(record, event) {
    var step = TURNS[event.key];
    if (!step || !record.viewer || event.target !== record.box || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();  // the arrows turn the molecule, not scroll the page
    record.viewer.spin(false);
    record.viewer.rotate(step[0], step[1]);
  }

  function setStatus(record, key) {
    if (record.texts[key]) record.status.textContent = record.texts[key];
  }

  function show(record) {
    if (record.state !== "idle" || !webglAvailable()) return;  // without WebGL the fallback stays
    record.state = "loading";
    var generation = ++record.generation;
    setStatus(record, "loading");
    Promise.all([loadLibrary(), record.structure || fetchStructure(record.figure.dataset)]).then(function (results) {
      record.structure = Promise.resolve(results[1]);  // fetched once, even if the viewer is re-created
      if (generation !== record.generation) return;  // released while loading
      makeRoom();
      draw(results[0], record, results[1]);
      record.state = "live";
      live.push(record);
      var focusInside = record.box.contains(document.activeElement);
      record.figure.classList.add("is-live");
      offerKeyboard(record, focusInside);
    }).catch(function (error) {
      if (generation !== record.generation) return;
      release(record);  // idle again: the next time it comes near, it tries again
      record.structure = null;
      setStatus(record, "failed");
      console.error("3D viewer:", error);
    });
  }

  // With OffscreenCanvas, 3Dmol.js 2 draws every viewer through one shared context: never lose that one.
  function loseOwnContext(canvas) {
    var gl = canvas && (canvas.getContext("webgl2") || canvas.getContext("webgl"));
    var lose = gl && gl.getExtension("WEBGL_lose_context");
    if (lose) lose.loseContext();
  }

  function release(record) {
    record.generation++;
    var viewer = record.viewer;
    if (viewer) {
      viewer.spin(false);
      if (viewer.intwatcher) viewer.intwatcher.disconnect();  // 3Dmol.js would otherwise revive the viewer
      if (viewer.divwatcher) viewer.divwatcher.disconnect();
      viewer.clear();
      loseOwnContext(viewer.getCanvas());
    }
    if (record.stage) record.stage.remove();
    record.viewer = null;
    record.stage = null;
    record.state = "idle";
    record.figure.classList.remove("is-live");
    setStatus(record, "needs");
    var index = live.indexOf(record);
    if (index >= 0) live.splice(index, 1);
  }

  function distanceFromViewport(record) {
    var rect = record.box.getBoundingClientRect();
    if (rect.bottom < 0) return -rect.bottom;
    if (rect.top > window.innerHeight) return rect.top - window.innerHeight;
    return 0;
  }

  function makeRoom() {
    while (live.length >= MAX_LIVE) {
      var farthest = live.slice().sort(function (a, b) { return distanceFromViewport(b) - distanceFromViewport(a); })[0];
      release(farthest);
    }
  }

  function setUpViewers() {
    var figures = document.querySelectorAll("figure[data-fn-embed='3dmol']");
    if (!figures.length || !("IntersectionObserver" in window)) return;
    var records = new Map();
    function each(handler) {
      return function (entries) {
        entries.forEach(function (entry) { handler(records.get(entry.target), entry.isIntersecting); });
      };
    }
    var near = new IntersectionObserver(each(function (record, intersecting) {
      if (intersecting) show(record);
    }), { rootMargin: NEAR });
    var far = new IntersectionObserver(each(function (record, intersecting) {
      if (!intersecting && record.state !== "idle") release(record);
    }), { rootMargin: FAR });
    figures.forEach(function (figure) {
      var box = figure.querySelector(".fn-mol__box");
      var status = figure.querySelector(".fn-mol__status");
      if (!box || !status) return;
      var texts = { needs: status.textContent, loading: figure.dataset.textLoading, failed: figure.dataset.textFailed, keys: figure.dataset.textKeys };
      var record = { figure: figure, box: box, status: status, texts: texts, state: "idle", generation: 0, viewer: null, stage: null, structure: null };
      records.set(box, record);
      box.addEventListener("keydown", function (event) { turn(record, event); });
      near.observe(box);
      far.observe(box);
    });
  }

  setUpViewers();
})();
