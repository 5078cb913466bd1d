(function () {
  "use strict";
  var source = document.getElementById("effect-data");
  if (!source || !window.Chart) return;
  var data = JSON.parse(source.textContent);
  var labels = (document.documentElement.lang || "id").indexOf("en") === 0
    ? ["Before", "After", "Participants", "Others"]
    : ["Sebelum", "Sesudah", "Peserta", "Lainnya"];
  data.series.forEach(function (s, i) {
    var canvas = document.querySelector('[data-effect-chart="' + i + '"]');
    if (!canvas) return;
    new window.Chart(canvas, {
      type: "line",
      data: {
        labels: [labels[0], labels[1]],
        datasets: [
          { label: labels[2], data: s.participants, borderColor: "#0b5d3b", backgroundColor: "#0b5d3b" },
          { label: labels[3], data: s.controls, borderColor: "#6c757d", backgroundColor: "#6c757d", borderDash: [6, 4] }
        ]
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        plugins: { title: { display: true, text: s.label } }
      }
    });
  });
})();
