/* entente dashboard charts (ECharts, vendored in the package; no build step).
 *
 * Each chart is a <div data-chart="KIND" id="ID"> with its data in
 * <script type="application/json" id="ID-data">. When ECharts has drawn it, the div gets
 * data-chart-ready="1" (tests wait for that instead of sleeping). Animation is off when the
 * body has data-test="1" (?test=1, or the server's setting). Bars carry patterns as well as
 * colours (ECharts' aria decals), so series stay apart without colour.
 */
(function () {
  "use strict";
  var QUAD = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];
  var QUAD_COLOURS = ["#4e79a7", "#59a14f", "#f28e2b", "#e15759"];
  var testMode = document.body.getAttribute("data-test") === "1";

  function base() {
    return {
      animation: !testMode,
      aria: { enabled: true, decal: { show: true } },
      tooltip: { trigger: "axis", confine: true },
      legend: { top: 0, type: "scroll" },
      grid: { left: 44, right: 44, top: 40, bottom: 56, containLabel: false },
      dataZoom: [{ type: "inside" }]
    };
  }

  function timeline(data) {
    var option = base();
    option.xAxis = { type: "category", data: data.map(function (d) { return d.period; }) };
    option.yAxis = { type: "value", name: "count", minInterval: 1 };
    option.series = [
      { name: "articles", type: "bar", data: data.map(function (d) { return d.articles; }) },
      { name: "event mentions", type: "line", symbol: "circle", symbolSize: 7,
        data: data.map(function (d) { return d.events; }) }
    ];
    return option;
  }

  function dyad(data) {
    var periods = data.periods;
    var option = base();
    option.color = QUAD_COLOURS.concat(["#333333"]);
    option.xAxis = { type: "category", data: periods.map(function (p) { return p.period; }) };
    option.yAxis = [
      { type: "value", name: "events", minInterval: 1 },
      { type: "value", name: "Goldstein", min: -10, max: 10, splitLine: { show: false } }
    ];
    option.series = QUAD.map(function (name, i) {
      return { name: name, type: "bar", stack: "quad",
        data: periods.map(function (p) { return p["q" + (i + 1)]; }) };
    });
    option.series.push({ name: "mean Goldstein", type: "line", yAxisIndex: 1,
      symbol: "diamond", symbolSize: 9, connectNulls: false, lineStyle: { width: 2, type: "dashed" },
      data: periods.map(function (p) { return p.goldstein_mean; }) });
    return option;
  }

  function network(data, el) {
    var most = Math.max.apply(null, [1].concat(data.nodes.map(function (n) { return n.events; })));
    var heaviest = Math.max.apply(null, [1].concat(data.edges.map(function (e) { return e.events; })));
    var option = {
      animation: !testMode,
      aria: { enabled: true },
      tooltip: { confine: true, formatter: function (p) {
        if (p.dataType === "edge") {
          var e = p.data.raw;
          return e.source + " → " + e.target + ": " + e.events + " events, mean Goldstein " +
            e.goldstein_mean;
        }
        return p.name + ": " + p.data.value + " events";
      } },
      series: [{
        type: "graph", layout: "force", roam: true, draggable: true,
        force: { repulsion: 220, edgeLength: [60, 160], layoutAnimation: !testMode },
        label: { show: true, position: "right", fontWeight: "bold" },
        edgeSymbol: data.directed ? ["none", "arrow"] : ["none", "none"],
        edgeSymbolSize: 8,
        data: data.nodes.map(function (n) {
          return { id: n.id, name: n.id, value: n.events, symbolSize: 12 + 30 * Math.sqrt(n.events / most) };
        }),
        links: data.edges.map(function (e) {
          var conflict = e.goldstein_mean < 0;
          return { source: e.source, target: e.target, raw: e, lineStyle: {
            width: 1 + 5 * e.events / heaviest, curveness: data.directed ? 0.15 : 0,
            color: conflict ? "#b3261e" : "#2b5a85", type: conflict ? "dashed" : "solid" } };
        })
      }]
    };
    return option;
  }

  var BUILDERS = { timeline: timeline, dyad: dyad, network: network };

  function navigate(el, params) {
    if (el.getAttribute("data-chart") !== "network") { return; }
    if (params.dataType === "node") {
      window.location.href = "/events?actor=" + encodeURIComponent(params.data.id);
    } else if (params.dataType === "edge") {
      var e = params.data.raw;
      window.location.href = "/dyad/" + encodeURIComponent(e.source) + "/" + encodeURIComponent(e.target);
    }
  }

  function init(el) {
    var source = document.getElementById(el.id + "-data");
    var data = JSON.parse(source.textContent);
    var empty = el.getAttribute("data-chart") === "network" ? !data.nodes.length : !(
      (data.periods || data).length);
    if (empty) {
      el.classList.add("chart-empty");
      el.classList.remove("chart");
      el.textContent = el.getAttribute("data-empty") || "Nothing to chart yet.";
      el.setAttribute("data-chart-ready", "1");
      return;
    }
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.on("finished", function () { el.setAttribute("data-chart-ready", "1"); });
    chart.on("click", function (params) { navigate(el, params); });
    chart.setOption(BUILDERS[el.getAttribute("data-chart")](data, el));
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function start() {
    var charts = document.querySelectorAll("[data-chart]");
    for (var i = 0; i < charts.length; i++) {
      try {
        init(charts[i]);
      } catch (err) {
        charts[i].setAttribute("data-chart-ready", "error");
        charts[i].textContent = "The chart could not be drawn: " + err;
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
