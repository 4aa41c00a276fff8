/* LLM Survey Atlas, live preview only: show content problems on every page.
   The preview server rewrites _atlas/problems.json on each rebuild and reloads the
   page; this script reads it and puts the problems above the content. Text is set
   with textContent, so nothing in a problem message can become markup. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var url = new URL("../_atlas/problems.json", script.src);
  fetch(url, { cache: "no-store" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data || !data.errors || !data.errors.length) return;
      var box = document.createElement("div");
      box.className = "admonition failure sa-problems";
      box.setAttribute("role", "alert");
      var title = document.createElement("p");
      title.className = "admonition-title";
      title.textContent = "The atlas content has " + data.errors.length + " error(s)." +
        (data.stale.length ? " Showing the last good version of: " + data.stale.join(", ") + "." : "");
      var pre = document.createElement("pre");
      pre.textContent = data.errors.join("\n\n");
      box.appendChild(title);
      box.appendChild(pre);
      var target = document.querySelector(".md-content__inner") || document.body;
      target.insertBefore(box, target.firstChild);
    })
    .catch(function () { /* the status file is optional */ });
})();
