(function () {
  "use strict";
  // Each figure shows a table without JavaScript; with Chart.js the chart is drawn above it and
  // the table stays in the page for screen readers.
  if (!window.Chart) return;
  var colours = ["#0b5d3b", "#b45309", "#b91c1c", "#6b7280", "#1d4ed8", "#7c3aed"];
  // On a phone the legend goes under the chart and long labels break into lines of words,
  // so that nothing is cut off at the edge of a 360 px screen.
  var narrow = window.matchMedia("(max-width: 576px)").matches;
  function wrap(label) {
    if (!narrow || typeof label !== "string" || label.length <= 18) return label;
    var lines = [], line = "";
    label.split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > 18) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) lines.push(line);
    return lines;
  }
  document.querySelectorAll(".glance-figure").forEach(function (card) {
    var key = card.getAttribute("data-figure");
    var source = document.getElementById("glance-" + key);
    var box = card.querySelector(".glance-chart");
    var table = card.querySelector(".glance-table");
    if (!source || !box) return;
    var data = JSON.parse(source.textContent);
    box.hidden = false;
    if (table) table.classList.add("visually-hidden");
    var doughnut = data.type === "doughnut";
    new window.Chart(box.querySelector("canvas"), {
      type: data.type,
      data: {
        labels: data.type === "bar" ? data.labels.map(wrap) : data.labels,
        datasets: [{
          label: data.title,
          data: data.values,
          backgroundColor: doughnut ? colours : "#0b5d3b",
          borderColor: "#0b5d3b",
          spanGaps: true
        }]
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        indexAxis: data.type === "bar" ? "y" : "x",
        plugins: { legend: { display: doughnut, position: narrow ? "bottom" : "right", labels: { boxWidth: 10, font: { size: 10 } } } },
        scales: doughnut ? {} : { x: { beginAtZero: true, ticks: { font: { size: 10 } } }, y: { beginAtZero: data.type !== "line", ticks: { autoSkip: data.type !== "bar", font: { size: 10 } } } }
      }
    });
  });
})();
