/* LLM Survey Atlas: the small amount of script the site needs.
 *
 * - a search form in the header (the theme shows its own only with its search plugin,
 *   which the atlas replaces with Pagefind);
 * - copy buttons for BibTeX entries;
 * - the search page and the explore page, over Pagefind's JavaScript API.
 *
 * Everything is loaded from this site; nothing is fetched from elsewhere. Text from the
 * index is always inserted as text, never as HTML.
 */
(function () {
  "use strict";

  const script = document.currentScript;
  const root = new URL("..", script ? script.src : location.href);
  const PAGE_SIZE = 20;
  // Every paper page holds this word (search.py: ALL_PAPERS_WORD). Explore searches for
  // it when no words are given: a search without words would load the whole index.
  const ALL_PAPERS = "atlaspaperpage";

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) {
        node.append(typeof child === "string" ? document.createTextNode(child) : child);
      }
    }
    return node;
  }

  function plural(count, word, many) {
    return `${count.toLocaleString("en")} ${count === 1 ? word : many || word + "s"}`;
  }

  /* ------------------------------------------------------------ header search */

  function searchIcon() {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    const path = document.createElementNS(ns, "path");
    path.setAttribute(
      "d",
      "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.516 6.516 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5Z"
    );
    svg.append(path);
    return svg;
  }

  function mountHeaderSearch() {
    const header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".sa-header-search")) return;
    const current = new URLSearchParams(location.search).get("q") || "";
    const input = el("input", {
      id: "sa-header-q",
      class: "sa-header-search__input",
      type: "search",
      name: "q",
      placeholder: "Search papers",
      autocomplete: "off",
    });
    input.value = document.querySelector(".sa-search") ? current : "";
    const button = el("button", { type: "submit", class: "sa-header-search__button", "aria-label": "Search" });
    button.append(searchIcon());
    const form = el(
      "form",
      { class: "sa-header-search", role: "search", action: new URL("search/", root).href, method: "get" },
      el("label", { class: "sa-visually-hidden", for: "sa-header-q" }, "Search papers"),
      input,
      button
    );
    const source = header.querySelector(".md-header__source");
    header.insertBefore(form, source);
    document.addEventListener("keydown", (event) => {
      const typing = event.target.closest("input, textarea, select, [contenteditable]");
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        const target = document.getElementById("sa-q") || input;
        target.focus();
      }
    });
  }

  /* ------------------------------------------------------------ copy buttons */

  function copyFallback(text) {
    const area = el("textarea", { class: "sa-visually-hidden", "aria-hidden": "true" });
    area.value = text;
    document.body.append(area);
    area.select();
    const done = document.execCommand("copy");
    area.remove();
    return done;
  }

  function mountCopyButtons() {
    for (const button of document.querySelectorAll("button[data-sa-copy]")) {
      const target = document.getElementById(button.dataset.saTarget || "");
      if (!target) continue;
      const status = button.parentElement.querySelector(".sa-copy__status");
      button.hidden = false;
      button.addEventListener("click", async () => {
        const text = target.textContent;
        let copied = false;
        try {
          await navigator.clipboard.writeText(text);
          copied = true;
        } catch (_error) {
          copied = copyFallback(text);
        }
        if (status) {
          status.textContent = copied
            ? "Copied to the clipboard."
            : "Could not copy: select the entry and press Ctrl+C.";
        }
      });
    }
  }

  /* ------------------------------------------------------------ Pagefind */

  let loading = null;

  function pagefind() {
    if (!loading) {
      loading = import(new URL("pagefind/pagefind.js", root).href).then(async (api) => {
        // No worker: at 10,000 papers its script would add 40 KB to the first query.
        await api.options({ baseUrl: root.pathname, excerptLength: 24, noWorker: true });
        await api.init();
        return api;
      });
    }
    return loading;
  }

  function excerptNodes(html) {
    // The excerpt marks matched words with <mark>; keep those and nothing else.
    const doc = new DOMParser().parseFromString(`<p>${html || ""}</p>`, "text/html");
    const out = [];
    for (const node of doc.body.firstChild ? doc.body.firstChild.childNodes : []) {
      const text = node.textContent.replace(ALL_PAPERS, "");
      if (node.nodeName === "MARK") out.push(el("mark", {}, text));
      else out.push(document.createTextNode(text));
    }
    return out;
  }

  function resultItem(data, withExcerpt) {
    const meta = data.meta || {};
    const facts = [meta.year, meta.venue, meta.surveys].filter(Boolean).join(" · ");
    let excerpt = null;
    if (withExcerpt) {
      excerpt = el("p", { class: "sa-result__excerpt" });
      excerpt.append(...excerptNodes(data.excerpt));
    }
    return el(
      "li",
      { class: "sa-result" },
      el("a", { class: "sa-result__title", href: data.url }, meta.title || data.url),
      el("p", { class: "sa-result__meta" }, facts),
      meta.authors ? el("p", { class: "sa-result__authors" }, meta.authors) : null,
      excerpt
    );
  }

  /* A list of results shown PAGE_SIZE at a time, with a "show more" button. */
  function resultList(box) {
    const list = box.querySelector(".sa-results");
    const more = box.querySelector(".sa-more");
    let results = [];
    let shown = 0;
    let generation = 0;
    let excerpts = true;

    async function showNext(focusFirst) {
      const mine = generation;
      const batch = results.slice(shown, shown + PAGE_SIZE);
      const items = await Promise.all(batch.map((r) => r.data()));
      if (mine !== generation) return;
      const nodes = items.map((data) => resultItem(data, excerpts));
      list.append(...nodes);
      shown += batch.length;
      more.hidden = shown >= results.length;
      if (focusFirst && nodes.length) nodes[0].querySelector("a").focus();
    }

    more.addEventListener("click", () => showNext(true));
    return {
      async show(found, withExcerpts) {
        generation += 1;
        results = found;
        excerpts = withExcerpts !== false;
        shown = 0;
        list.replaceChildren();
        more.hidden = true;
        await showNext(false);
      },
      clear() {
        generation += 1;
        results = [];
        list.replaceChildren();
        more.hidden = true;
      },
    };
  }

  function failed(status, error) {
    status.textContent =
      "Search is not available: the search index was not found. Build the site with " +
      "`surveyatlas build` (the live preview indexes it in the background).";
    if (window.console && error) console.warn("surveyatlas search:", error);
  }

  /* ------------------------------------------------------------ search page */

  function mountSearch(box) {
    const form = box.querySelector("form");
    const input = box.querySelector("#sa-q");
    const status = box.querySelector(".sa-search__status");
    const explore = box.querySelector(".sa-explore-link");
    const results = resultList(box);
    let timer = 0;
    let asked = 0;

    async function run(term, push) {
      const query = term.trim();
      const url = new URL(location.href);
      if (query) url.searchParams.set("q", query);
      else url.searchParams.delete("q");
      history[push ? "pushState" : "replaceState"](null, "", url);
      if (explore) explore.href = new URL("explore/" + (query ? "?q=" + encodeURIComponent(query) : ""), root).href;
      const ticket = ++asked;
      if (!query) {
        results.clear();
        status.textContent = "";
        return;
      }
      try {
        const api = await pagefind();
        const found = await api.search(query);
        if (ticket !== asked || !found) return;
        status.textContent = found.results.length
          ? `${plural(found.results.length, "paper")} found for “${query}”.`
          : `No paper matches “${query}”. Try fewer or shorter words.`;
        await results.show(found.results);
      } catch (error) {
        failed(status, error);
      }
    }

    input.value = new URLSearchParams(location.search).get("q") || "";
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => run(input.value, false), 250);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(timer);
      run(input.value, true);
    });
    window.addEventListener("popstate", () => {
      input.value = new URLSearchParams(location.search).get("q") || "";
      run(input.value, false);
    });
    if (input.value) run(input.value, false);
    else input.focus();
  }

  /* ------------------------------------------------------------ explore page */

  const SORTS = {
    "date-desc": { date: "desc" },
    "date-asc": { date: "asc" },
    "title-asc": { title: "asc" },
  };
  const SINGLE = ["survey", "topic", "venue", "org", "code"];

  function exploreFilters(params, form) {
    const filters = {};
    for (const name of SINGLE) {
      const value = params.get(name);
      if (value) filters[name] = value;
    }
    for (const control of form.querySelectorAll("select[name*='/']")) {
      const value = params.get(control.name);
      if (value) filters[control.name] = value;
    }
    let from = parseInt(params.get("from") || "", 10);
    let to = parseInt(params.get("to") || "", 10);
    if (!Number.isNaN(from) || !Number.isNaN(to)) {
      const years = [...form.querySelector("[name=from]").options]
        .map((o) => parseInt(o.value, 10))
        .filter((y) => !Number.isNaN(y));
      if (Number.isNaN(from)) from = Math.min(...years);
      if (Number.isNaN(to)) to = Math.max(...years);
      if (from > to) [from, to] = [to, from];
      filters.year = { any: years.filter((y) => y >= from && y <= to).map(String) };
    }
    return filters;
  }

  function formParams(form) {
    const params = new URLSearchParams();
    for (const control of form.elements) {
      if (!control.name || !control.value) continue;
      if (control.name === "sort" && control.value === "date-desc") continue;
      params.set(control.name, control.name === "q" ? control.value.trim() : control.value);
    }
    return params;
  }

  function fillForm(form, params) {
    for (const control of form.elements) {
      if (!control.name) continue;
      const value = params.get(control.name) || "";
      control.value = value;
      // A value a select does not offer (an old or mistyped link) falls back to "any".
      if (control.tagName === "SELECT" && control.value !== value) control.value = control.options[0].value;
    }
  }

  function mountExplore(box) {
    const form = box.querySelector("form");
    const status = box.querySelector(".sa-search__status");
    const results = resultList(box);
    let timer = 0;
    let asked = 0;

    async function run() {
      const params = new URLSearchParams(location.search);
      const query = (params.get("q") || "").trim();
      const filters = exploreFilters(params, form);
      const sort = SORTS[params.get("sort")] || SORTS["date-desc"];
      const ticket = ++asked;
      status.textContent = "Looking…";
      try {
        const api = await pagefind();
        const found = await api.search(query || ALL_PAPERS, { filters, sort });
        if (ticket !== asked || !found) return;
        const count = found.results.length;
        status.textContent = count
          ? `${plural(count, "paper")} ${count === 1 ? "matches" : "match"}.`
          : "No paper matches these filters. Clear one to see more.";
        await results.show(found.results, Boolean(query)); // excerpts only show matched words
      } catch (error) {
        failed(status, error);
      }
    }

    function update(push) {
      const params = formParams(form);
      const query = params.toString();
      history[push ? "pushState" : "replaceState"](null, "", query ? "?" + query : location.pathname);
      run();
    }

    fillForm(form, new URLSearchParams(location.search));
    form.addEventListener("change", (event) => {
      if (event.target.name !== "q") update(true);
    });
    form.addEventListener("input", (event) => {
      if (event.target.name !== "q") return;
      clearTimeout(timer);
      timer = setTimeout(() => update(false), 300);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(timer);
      update(true);
    });
    box.querySelector(".sa-reset").addEventListener("click", (event) => {
      event.preventDefault();
      fillForm(form, new URLSearchParams());
      update(true);
    });
    window.addEventListener("popstate", () => {
      fillForm(form, new URLSearchParams(location.search));
      run();
    });
    update(false); // writes the URL back in canonical form, dropping values no control offers
  }

  /* ------------------------------------------------------------ start */

  function start() {
    mountHeaderSearch();
    mountCopyButtons();
    const search = document.querySelector(".sa-search");
    if (search) mountSearch(search);
    const explore = document.querySelector(".sa-explore");
    if (explore) mountExplore(explore);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
