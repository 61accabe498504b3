// Video and audio lessons: a transcript that seeks on click and follows
// playback (aria-current on the line being spoken), ?t=SECONDS to start at a
// moment, a speed choice, and reports of the parts actually played, so the
// server can complete the lesson at 90 %. Seeking is never reported as
// played. Without JS the native controls and the transcript remain.
(function () {
  "use strict";

  function init() {
    var media = document.getElementById("player");
    if (!media) return;
    var cues = Array.prototype.slice.call(document.querySelectorAll("button.cue"));
    var starts = cues.map(function (b) { return parseFloat(b.dataset.start); });
    var transcript = document.getElementById("transcript");
    var tools = document.querySelector("[data-player-tools]");
    var speed = document.getElementById("player-speed");
    var status = document.getElementById("played-status");
    var current = -1;
    var userScrolledAt = 0;

    if (tools) tools.hidden = false;

    function seek(seconds, play) {
      var t = Math.max(0, seconds);
      if (media.readyState < 1) {
        media.addEventListener("loadedmetadata", function () { seek(t, play); }, { once: true });
        media.load();
        return;
      }
      if (isFinite(media.duration)) t = Math.min(t, media.duration);
      media.currentTime = t;
      highlight();
      if (play) {
        var p = media.play();
        if (p && p.catch) p.catch(function () {});
      }
    }

    function indexAt(time) {
      var lo = 0, hi = starts.length - 1, found = -1;
      while (lo <= hi) {
        var mid = (lo + hi) >> 1;
        if (starts[mid] <= time + 0.001) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
      }
      return found;
    }

    function highlight() {
      var i = indexAt(media.currentTime);
      if (i === current) return;
      if (current >= 0 && cues[current]) cues[current].removeAttribute("aria-current");
      current = i;
      if (i < 0) return;
      var cue = cues[i];
      cue.setAttribute("aria-current", "true");
      if (transcript && !media.paused && Date.now() - userScrolledAt > 4000) {
        var box = transcript.getBoundingClientRect();
        var line = cue.getBoundingClientRect();
        if (line.top < box.top || line.bottom > box.bottom) {
          transcript.scrollTop += line.top - box.top - box.height / 3;
        }
      }
    }

    cues.forEach(function (button) {
      button.addEventListener("click", function () { seek(parseFloat(button.dataset.start), true); });
    });
    if (transcript) {
      ["wheel", "touchmove"].forEach(function (name) {
        transcript.addEventListener(name, function () { userScrolledAt = Date.now(); }, { passive: true });
      });
    }
    if (speed) {
      speed.addEventListener("change", function () { media.playbackRate = parseFloat(speed.value) || 1; });
    }
    media.addEventListener("timeupdate", highlight);
    media.addEventListener("seeked", highlight);

    // ?t=SECONDS (search results link to moments this way).
    var start = parseFloat(media.dataset.start || "0");
    if (start > 0) {
      var apply = function () { seek(start, false); };
      if (media.readyState >= 1) apply();
      else media.addEventListener("loadedmetadata", apply, { once: true });
      var i = indexAt(start);
      if (i >= 0) {
        cues[i].setAttribute("aria-current", "true");
        current = i;
        if (transcript) transcript.scrollTop = cues[i].offsetTop - transcript.offsetTop;
      }
    }

    // Reports of the parts played: a segment runs from where playback
    // started (or resumed after a seek) to the last position reached by
    // playing; a jump larger than playing could make closes it.
    var report = media.dataset.report;
    if (!report) return;
    var pending = [];
    var segStart = null, lastTime = 0, lastClock = 0;

    function possible(now) {
      return ((now - lastClock) / 1000) * (media.playbackRate || 1) * 1.5 + 0.75;
    }
    function close(reached) {
      // Playback reached the current position (pause, end), not a seek.
      if (reached && segStart !== null) {
        var t = media.currentTime;
        if (t >= lastTime && t - lastTime <= possible(performance.now())) lastTime = t;
      }
      if (segStart !== null && lastTime > segStart + 0.05) pending.push([segStart, lastTime]);
      segStart = null;
    }
    function open() {
      segStart = media.currentTime;
      lastTime = media.currentTime;
      lastClock = performance.now();
    }
    function send(keepalive) {
      if (segStart !== null) { close(true); if (!media.paused) open(); }
      if (!pending.length) return;
      var body = JSON.stringify({ played: pending });
      pending = [];
      fetch(report, {
        method: "POST",
        credentials: "same-origin",
        keepalive: !!keepalive,
        headers: { "Content-Type": "application/json", "X-CSRFToken": media.dataset.csrf },
        body: body
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (data) {
        if (!data || !status) return;
        if (data.complete) status.textContent = status.dataset.doneText;
        else status.textContent = status.textContent.replace(/\d+(?=\s?%)/, String(data.percent));
      }).catch(function () {});
    }

    media.addEventListener("playing", open);
    media.addEventListener("timeupdate", function () {
      if (segStart === null || media.paused || media.seeking) return;
      var now = performance.now();
      var t = media.currentTime;
      if (t < lastTime || t - lastTime > possible(now)) {
        close(false);
        open();
        return;
      }
      lastTime = t;
      lastClock = now;
    });
    media.addEventListener("seeking", function () { close(false); });
    media.addEventListener("seeked", function () { if (!media.paused) open(); });
    media.addEventListener("pause", function () { close(true); send(false); });
    media.addEventListener("ended", function () { close(true); send(false); });
    window.setInterval(function () { if (!media.paused) send(false); }, 5000);
    window.addEventListener("pagehide", function () { send(true); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
