// Reload the list when a build finishes (the page works the same without JavaScript).
// A file, not inline: the Content-Security-Policy allows only scripts from this server.
(function () {
  var script = document.currentScript;
  var shown = script.getAttribute("data-generation");
  var url = script.getAttribute("data-url");
  setInterval(function () {
    var input = document.getElementById("file");
    if (input && input.value) return;
    fetch(url, {cache: "no-store"})
      .then(function (r) { return r.text(); })
      .then(function (g) { if (g !== shown) location.reload(); })
      .catch(function () {});
  }, 1000);
})();
