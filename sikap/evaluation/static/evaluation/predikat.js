// The predikat of the two chosen ratings, before saving; the table comes from rules.PREDICATE_MATRIX.
(function () {
  var data = document.getElementById("predicate-matrix");
  var box = document.getElementById("live-predikat");
  if (!data || !box) return;
  var matrix = JSON.parse(data.textContent);
  function chosen(name) {
    var input = document.querySelector('input[name="' + name + '"]:checked');
    return input ? input.value : "";
  }
  function update() {
    var label = matrix[chosen("result_rating") + "|" + chosen("behaviour_rating")];
    box.hidden = !label;
    if (label) box.querySelector("[data-predikat]").textContent = label;
  }
  document.addEventListener("change", function (event) {
    var name = event.target && event.target.name;
    if (name === "result_rating" || name === "behaviour_rating") update();
  });
  update();
})();
