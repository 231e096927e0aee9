// Progressive enhancement of a waiting page: reload it every few seconds
// (without JavaScript, its "check now" link does the same).
(function () {
  var s = document.currentScript;
  var seconds = Number(s && s.dataset.seconds) || 2;
  setTimeout(function () { location.reload(); }, seconds * 1000);
})();
