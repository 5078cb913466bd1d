// Draws every kurva distribusi canvas: the actual counts as a curve, the allowed range as bars.
(function () {
  function draw(root) {
    if (typeof Chart === "undefined") return;
    root.querySelectorAll("canvas[data-curve]").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.curve);
      if (!source || canvas.dataset.drawn) return;
      canvas.dataset.drawn = "1";
      var data = JSON.parse(source.textContent);
      var datasets = [{
        type: "line", label: canvas.dataset.actualLabel || "Aktual", data: data.actual,
        borderColor: "#0b5d3b", backgroundColor: "#0b5d3b", tension: 0.3, cubicInterpolationMode: "monotone", pointRadius: 4
      }];
      if (data.min && data.min[0] !== null) {
        datasets.push({
          type: "bar", label: "Maks", data: data.max, backgroundColor: "rgba(11,93,59,0.12)",
          borderColor: "rgba(11,93,59,0.4)", borderWidth: 1
        });
        datasets.push({
          type: "bar", label: "Min", data: data.min, backgroundColor: "rgba(200,120,0,0.35)"
        });
      }
      new Chart(canvas, {
        data: { labels: data.labels, datasets: datasets },
        options: {
          maintainAspectRatio: false, animation: false,
          scales: { x: { stacked: false }, y: { beginAtZero: true, ticks: { precision: 0 } } }
        }
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSwap", function (e) { draw(e.target); });
})();
