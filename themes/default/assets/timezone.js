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
  // The sentences, in English; the page gives its language's in data-text (partials/timezone.html).
  var TEXT = {
    mine: "It\u2019s {time} for you and {their} in {city}", same: "It\u2019s {time} for you, as in {city}",
    share: " \u2014 we share {spans}.", none: " \u2014 I work {from}\u2013{to} your time, so our days don\u2019t overlap.",
    end: ".", and: " and ", span: "{from}\u2013{to} {days}",
    "-1": "Tuesday to Friday", "0": "on weekdays", "1": "Monday to Thursday"
  };
  function say(key, values) {
    return TEXT[key].replace(/\{(\w+)\}/g, function (m, k) { return values[k]; });
  }

  function fill(el) {
    var out = el.querySelector(".tz__live"), d = el.dataset, now = Date.now();
    if (d.text) { var own = JSON.parse(d.text); for (var k in own) { TEXT[k] = own[k]; } }
    var fz = d.tz, vz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var fo = offset(fz, now), vo = offset(vz, now), delta = fo - vo;
    var vnow = Math.floor(now / 6e4) + vo, fnow = Math.floor(now / 6e4) + fo;
    var text = say(delta ? "mine" : "same", { time: hm(vnow), their: hm(fnow), city: d.city });
    var f = span(d.hours), v = span(d.visitorHours);
    if (f && v) {
      var a = f[0] - delta, b = f[1] - delta, found = [];
      for (var j = -1; j <= 1; j++) {
        var lo = Math.max(v[0], a + j * 1440), hi = Math.min(v[1], b + j * 1440);
        if (hi > lo) found.push(say("span", { from: hm(lo), to: hm(hi), days: TEXT[String(j)] }));
      }
      text += found.length ? say("share", { spans: found.join(TEXT.and) }) : say("none", { from: hm(a), to: hm(b) });
    } else {
      text += TEXT.end;
    }
    out.textContent = text.replace(/(\d)\u2013(\d)/g, "$1\u2060\u2013\u2060$2");   // no line break inside 09:00–17:00
    setTimeout(function () { fill(el); }, 6e4 - now % 6e4 + 50);
  }
  Array.prototype.forEach.call(document.querySelectorAll(".tz[data-tz]"), function (el) {
    try { fill(el); } catch (e) { /* an unknown zone: the static text stays */ }
  });
})();
