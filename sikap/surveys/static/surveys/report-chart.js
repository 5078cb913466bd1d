(function () {
  "use strict";
  var canvas = document.getElementById("nrr-chart");
  var source = document.getElementById("nrr-data");
  if (!canvas || !source || !window.Chart) return;
  var data = JSON.parse(source.textContent);
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [{
        label: "NRR",
        data: data.values,
        backgroundColor: data.lowest.map(function (low) { return low ? "#b45309" : "#0b5d3b"; })
      }]
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { min: 0, max: 4 } },
      plugins: { legend: { display: false } }
    }
  });
})();
