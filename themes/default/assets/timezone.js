/* Time-zone block (partials/timezone.html): the visitor's local time and how
   the freelancer's working day overlaps theirs, for today's date, so daylight
   saving time is right in both zones. Without JavaScript the server-rendered
   zone and hours stay; this only fills the reserved .tz__live line. */
(function () {
  "use strict";
  function parts(zone, t) {
    var p = {};
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric",
      day: "numeric", hour: "numeric", minute: "numeric"
    }).formatToParts(t).forEach(function (x) { p[x.type] = +x.value; });
    return p;
  }
  // Minutes ahead of UTC in `zone` at the instant t (ms).
  function offset(zone, t) {
    var p = parts(zone, t);
    return (Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute) - Math.floor(t / 6e4) * 6e4) / 6e4;
  }
  function span(s) {
    var m = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(s || "");
    return m && [m[1] * 60 + +m[2], m[3] * 60 + +m[4]];
  }
  function hm(x) {
    x = ((x % 1440) + 1440) % 1440;
    return ("0" + Math.floor(x / 60)).slice(-2) + ":" + ("0" + x % 60).slice(-2);
  }
  // The freelancer's day is on the visitor's calendar day + 0, or the day
  // before/after: then only four of the five weekdays line up.
  // Older ICU data names a few zones by their pre-2024 aliases.
  var ALIAS = { "Asia/Calcutta": "Asia/Kolkata", "Asia/Saigon": "Asia/Ho_Chi_Minh", "Asia/Katmandu": "Asia/Kathmandu",
    "Europe/Kiev": "Europe/Kyiv", "Asia/Rangoon": "Asia/Yangon", "Atlantic/Faeroe": "Atlantic/Faroe" };
  var DAYS = { "-1": "Tuesday to Friday", "0": "on weekdays", "1": "Monday to Thursday" };

  function fill(el) {
    var out = el.querySelector(".tz__live"), d = el.dataset, now = Date.now();
    var fz = d.tz, vz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var shown = ALIAS[vz] || vz;
    var fo = offset(fz, now), vo = offset(vz, now), delta = fo - vo;
    var vnow = Math.floor(now / 6e4) + vo, fnow = Math.floor(now / 6e4) + fo;
    var text = "Your time: " + hm(vnow) + (shown ? " (" + shown.replace(/_/g, " ") + ")" : "") +
      (delta ? ", " + hm(fnow) + " for " + d.name + "." : ", the same as " + d.name + "\u2019s.");
    var f = span(d.hours), v = span(d.visitorHours);
    if (f && v) {
      var a = f[0] - delta, b = f[1] - delta, found = [];
      for (var j = -1; j <= 1; j++) {
        var lo = Math.max(v[0], a + j * 1440), hi = Math.min(v[1], b + j * 1440);
        if (hi > lo) found.push(hm(lo) + "\u2060\u2013\u2060" + hm(hi) + " " + DAYS[j]);
      }
      text += " " + d.name + "\u2019s working day is " + hm(a) + "\u2060\u2013\u2060" + hm(b) + " your time; if you work " +
        hm(v[0]) + "\u2060\u2013\u2060" + hm(v[1]) + ", " + (found.length ? "you overlap " + found.join(" and ") : "there is no overlap") + ".";
    }
    out.textContent = text;
    setTimeout(function () { fill(el); }, 6e4 - now % 6e4 + 50);
  }
  Array.prototype.forEach.call(document.querySelectorAll(".tz[data-tz]"), function (el) {
    try { fill(el); } catch (e) { /* an unknown zone: the static text stays */ }
  });
})();
