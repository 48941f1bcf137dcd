// Sortable and filterable summary tables: progressive enhancement, no dependencies, nothing loaded from
// elsewhere. Without JavaScript a table is whole and has no controls; the filter bar is made here.
(function () {
  "use strict";
  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    return cell.getAttribute("data-sort") || cell.textContent.trim().toLowerCase();
  }
  function sortBy(table, header, index) {
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index), y = cellValue(b, index);
      var nx = parseFloat(x), ny = parseFloat(y);
      var result = (!isNaN(nx) && !isNaN(ny) && String(nx) === x && String(ny) === y)
        ? nx - ny : x.localeCompare(y);
      return ascending ? result : -result;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.setAttribute("aria-sort", "none");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
  function enhance() {
    document.querySelectorAll("table.br-sortable").forEach(function (table) {
      if (table.dataset.brSortable) return;
      table.dataset.brSortable = "1";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
        var button = th.querySelector("button.br-sort");
        if (button) button.addEventListener("click", function () { sortBy(table, th, index); });
      });
      setUpFilters(table);
    });
  }

  // --- Filters ------------------------------------------------------------------------------------------
  // A row names its facets in data attributes (briefing/render/templates/_rows.html.j2): data-party="iran"
  // (ids, space-separated) with data-party-label (the one label, or a JSON list of them in the same order),
  // and data-date="first/last" (the first and last day the record's date may mean). The state lives in the
  // query string (?party=iran&issue=enrichment&from=2025-04-01), so that a filtered view can be shared.
  var FACETS = ["kind", "speaker", "party", "people", "issue", "venue", "round"];
  var WORDS = {
    filter: "Filter", all: "All", from: "From", to: "To", clear: "Clear filters", shown: "{n} of {m} shown",
    kind: "Kind", speaker: "Speaker", party: "Party", people: "People", issue: "Issue", venue: "Venue",
    round: "Round"
  };
  var filterCount = 0;

  function words(table) {
    // The table's data-br-filter-labels (a JSON object with any of WORDS' keys) overrides the English ones.
    var own = {};
    try { own = JSON.parse(table.getAttribute("data-br-filter-labels") || "{}") || {}; } catch (e) { own = {}; }
    var result = {};
    Object.keys(WORDS).forEach(function (key) {
      result[key] = typeof own[key] === "string" ? own[key] : WORDS[key];
    });
    return result;
  }
  function idsOf(row, name) {
    return (row.getAttribute("data-" + name) || "").split(/\s+/).filter(Boolean);
  }
  function labelsOf(row, name, ids) {
    var text = row.getAttribute("data-" + name + "-label");
    if (text === null) return ids;
    if (ids.length < 2) return [text];
    try {
      var list = JSON.parse(text);
      if (Array.isArray(list)) return list;
    } catch (e) { /* a plain label: used for the first id only */ }
    return [text];
  }
  function bound(text, last) {
    // "2026", "2026-02" or "2026-02-17", with or without a time or an approximate mark ("2025-06-13~"):
    // the first or the last day it may mean, as YYYY-MM-DD (compared as text).
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(String(text || "").trim());
    if (!m) return "";
    var month = m[2] || (last ? "12" : "01");
    var days = new Date(Date.UTC(Number(m[1]), Number(month), 0)).getUTCDate();  // day 0: the month's last
    return m[1] + "-" + month + "-" + (m[3] || (last ? String(days) : "01"));
  }
  function dateRange(row) {
    var parts = (row.getAttribute("data-date") || "").split("/");
    var first = bound(parts[0], false), last = bound(parts[1] || parts[0], true);
    return first && last ? [first, last] : null;
  }
  function digits(value) {
    // In the page's digits, as the plugin writes its own counts (Persian ones under fa).
    try { return new Intl.NumberFormat(document.documentElement.lang || undefined).format(value); }
    catch (e) { return String(value); }
  }
  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? digits(values[key]) : all; });
  }
  function element(tag, attributes, text) {
    var el = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { el.setAttribute(key, attributes[key]); });
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function setUpFilters(table) {
    var body = table.tBodies[0];
    if (!body || table.dataset.brFilters) return;
    var rows = Array.prototype.map.call(body.rows, function (row) {
      return {row: row, values: {}, date: dateRange(row)};
    });
    var facets = [];
    FACETS.forEach(function (name) {
      var labels = Object.create(null), order = [], missing = false;
      rows.forEach(function (info) {
        var ids = idsOf(info.row, name), shown = labelsOf(info.row, name, ids);
        info.values[name] = ids;
        if (!ids.length) missing = true;
        ids.forEach(function (id, i) {
          if (!(id in labels)) { labels[id] = shown[i] || id; order.push(id); }
        });
      });
      // A select is worth showing when it can leave rows out: two values, or one that some rows lack.
      if (order.length > 1 || (order.length === 1 && missing)) {
        order.sort(function (a, b) {
          return labels[a].localeCompare(labels[b], undefined, {numeric: true, sensitivity: "base"});
        });
        facets.push({name: name, ids: order, labels: labels});
      }
    });
    var dated = rows.some(function (info) { return info.date; });
    if (!facets.length && !dated) return;
    table.dataset.brFilters = "1";
    var said = words(table), number = ++filterCount, prefix = "br-filter-" + number + "-";

    var form = element("form", {"class": "br-filters", "aria-labelledby": prefix + "title"});
    form.appendChild(element("p", {"class": "br-filters-title", id: prefix + "title"}, said.filter));
    var fields = element("div", {"class": "br-filters-fields"});
    form.appendChild(fields);
    function field(name, control, extra) {
      // The label beside its control, not around it: the control's name is the label's words alone.
      var box = element("div", {"class": "br-filter" + (extra ? " " + extra : "")});
      box.appendChild(element("label", {"class": "br-filter-name", "for": control.id}, name));
      box.appendChild(control);
      fields.appendChild(box);
    }
    facets.forEach(function (facet) {
      var select = element("select", {id: prefix + facet.name, name: facet.name});
      select.appendChild(element("option", {value: ""}, said.all));
      facet.options = facet.ids.map(function (id) {
        var option = element("option", {value: id}, facet.labels[id]);
        select.appendChild(option);
        return option;
      });
      facet.select = select;
      field(said[facet.name] || facet.name, select);
    });
    var from = null, to = null;
    if (dated) {
      from = element("input", {type: "date", id: prefix + "from", name: "from"});
      to = element("input", {type: "date", id: prefix + "to", name: "to"});
      field(said.from, from, "br-filter-date");
      field(said.to, to, "br-filter-date");
    }
    var end = element("div", {"class": "br-filters-end"});
    var clear = element("button", {type: "button", "class": "br-filter-clear"}, said.clear);
    var status = element("p", {"class": "br-filter-status", role: "status", "aria-live": "polite"});
    end.appendChild(clear);
    end.appendChild(status);
    form.appendChild(end);
    var wrap = table.closest(".br-table-wrap") || table;
    wrap.parentNode.insertBefore(form, wrap);

    function state() {
      var chosen = {};
      facets.forEach(function (facet) { if (facet.select.value) chosen[facet.name] = facet.select.value; });
      return {chosen: chosen, from: from ? from.value : "", to: to ? to.value : ""};
    }
    function passes(info, now, skip) {
      for (var name in now.chosen) {
        if (name !== skip && info.values[name].indexOf(now.chosen[name]) < 0) return false;
      }
      if (now.from || now.to) {
        // Dated only by overlap: a record of "February 2026" is in a range that holds any day of it;
        // a record without a date is in no range.
        if (!info.date) return false;
        if (now.from && info.date[1] < now.from) return false;
        if (now.to && info.date[0] > now.to) return false;
      }
      return true;
    }
    function update() {
      var now = state(), shown = 0;
      rows.forEach(function (info) {
        var keep = passes(info, now, null);
        info.row.hidden = !keep;
        if (keep) shown += 1;
      });
      // Each option counts the rows it would show, given the other filters.
      facets.forEach(function (facet) {
        facet.options.forEach(function (option, i) {
          var id = facet.ids[i], count = 0;
          rows.forEach(function (info) {
            if (info.values[facet.name].indexOf(id) >= 0 && passes(info, now, facet.name)) count += 1;
          });
          option.textContent = facet.labels[id] + " (" + digits(count) + ")";
          option.disabled = count === 0 && facet.select.value !== id;
        });
      });
      status.textContent = format(said.shown, {n: shown, m: rows.length});
      form.classList.toggle("br-filters-active", shown !== rows.length || Object.keys(now.chosen).length > 0
        || Boolean(now.from || now.to));
      return now;
    }
    function remember(now) {
      var params = new URLSearchParams(window.location.search);
      facets.forEach(function (facet) { params.delete(facet.name); });
      params.delete("from");
      params.delete("to");
      Object.keys(now.chosen).forEach(function (name) { params.set(name, now.chosen[name]); });
      if (now.from) params.set("from", now.from);
      if (now.to) params.set("to", now.to);
      var query = params.toString();
      var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      if (url !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.replaceState(window.history.state, "", url);
      }
    }
    function changed() { remember(update()); }

    // A shared address restores its filters; values this table does not have are left out.
    var params = new URLSearchParams(window.location.search);
    facets.forEach(function (facet) {
      var wanted = params.get(facet.name);
      if (wanted && facet.ids.indexOf(wanted) >= 0) facet.select.value = wanted;
    });
    if (from) from.value = bound(params.get("from"), false);
    if (to) to.value = bound(params.get("to"), true);
    update();

    form.addEventListener("change", changed);
    form.addEventListener("input", function (event) { if (event.target.type === "date") changed(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); changed(); });
    clear.addEventListener("click", function () {
      facets.forEach(function (facet) { facet.select.value = ""; });
      if (from) from.value = "";
      if (to) to.value = "";
      changed();
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhance);
  else enhance();
  // Material's instant navigation swaps the page without a new DOMContentLoaded: it announces every page,
  // the first included, on its document$ observable.
  if (typeof window.document$ !== "undefined" && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhance);
  }
})();
