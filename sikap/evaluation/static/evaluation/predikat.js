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
  // "not saved yet" only while the choice differs from the saved ratings.
  function update() {
    var key = chosen("result_rating") + "|" + chosen("behaviour_rating");
    var label = matrix[key];
    box.hidden = !label;
    if (label) box.querySelector("[data-predikat]").textContent = label;
    var unsaved = box.querySelector("[data-unsaved]");
    if (unsaved) unsaved.hidden = key === box.getAttribute("data-saved");
  }
  document.addEventListener("change", function (event) {
    var name = event.target && event.target.name;
    if (name === "result_rating" || name === "behaviour_rating") update();
  });
  update();
})();
