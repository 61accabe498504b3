// Episode player: speed, keyboard, skip buttons, a transcript that seeks on
// click and follows playback (aria-current on the line being spoken), chapters,
// and ?t=SECONDS to start at a moment. Without JS the native controls remain.
(function () {
  "use strict";

  function init() {
    var audio = document.getElementById("player");
    if (!audio) return;
    var cues = Array.prototype.slice.call(document.querySelectorAll("button.cue"));
    var starts = cues.map(function (b) { return parseFloat(b.dataset.start); });
    var transcript = document.getElementById("transcript");
    var tools = document.querySelector("[data-player-tools]");
    var speed = document.getElementById("player-speed");
    var current = -1;
    var userScrolledAt = 0;

    if (tools) tools.hidden = false;

    function seek(seconds, play) {
      var t = Math.max(0, seconds);
      if (audio.readyState < 1) {
        // Metadata not loaded yet: some browsers ignore currentTime until then.
        audio.addEventListener("loadedmetadata", function () { seek(t, play); }, { once: true });
        audio.load();
        return;
      }
      if (isFinite(audio.duration)) t = Math.min(t, audio.duration);
      audio.currentTime = t;
      highlight();
      if (play) {
        var p = audio.play();
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
      var i = indexAt(audio.currentTime);
      if (i === current) return;
      if (current >= 0 && cues[current]) {
        cues[current].removeAttribute("aria-current");
        cues[current].classList.remove("is-current");
      }
      current = i;
      if (i < 0) return;
      var cue = cues[i];
      cue.setAttribute("aria-current", "true");
      cue.classList.add("is-current");
      // Follow playback, unless the listener scrolled the transcript recently.
      if (transcript && !audio.paused && Date.now() - userScrolledAt > 4000) {
        var box = transcript.getBoundingClientRect();
        var line = cue.getBoundingClientRect();
        if (line.top < box.top || line.bottom > box.bottom) {
          transcript.scrollTop += line.top - box.top - box.height / 3;
        }
      }
    }

    cues.forEach(function (button) {
      button.addEventListener("click", function () {
        seek(parseFloat(button.dataset.start), true);
      });
    });
    document.querySelectorAll("button.chapter").forEach(function (button) {
      button.addEventListener("click", function () {
        seek(parseFloat(button.dataset.start), true);
      });
    });
    document.querySelectorAll("[data-skip]").forEach(function (button) {
      button.addEventListener("click", function () {
        seek(audio.currentTime + parseFloat(button.dataset.skip), false);
      });
    });
    if (transcript) {
      ["wheel", "touchmove"].forEach(function (name) {
        transcript.addEventListener(name, function () { userScrolledAt = Date.now(); }, { passive: true });
      });
    }
    if (speed) {
      speed.addEventListener("change", function () {
        audio.playbackRate = parseFloat(speed.value) || 1;
      });
      audio.addEventListener("ratechange", function () {
        speed.value = String(audio.playbackRate);
      });
    }

    audio.addEventListener("timeupdate", highlight);
    audio.addEventListener("seeked", highlight);

    // Keys act when focus is on the player, its tools or the transcript, so
    // they never steal keys from the page or from form fields.
    var scope = document.querySelector(".listen") || document;
    scope.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      var tag = event.target.tagName;
      if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") return;
      var onButton = tag === "BUTTON";
      switch (event.key) {
        case "k": case "K":
          audio.paused ? seek(audio.currentTime, true) : audio.pause(); break;
        case " ":
          if (onButton) return;  // a focused button is activated by Space
          audio.paused ? seek(audio.currentTime, true) : audio.pause(); break;
        case "j": case "J": seek(audio.currentTime - 10, false); break;
        case "l": case "L": seek(audio.currentTime + 10, false); break;
        case "ArrowLeft": if (event.target === audio) return; seek(audio.currentTime - 5, false); break;
        case "ArrowRight": if (event.target === audio) return; seek(audio.currentTime + 5, false); break;
        default: return;
      }
      event.preventDefault();
    });

    // ?t=SECONDS (the search results link to moments this way).
    var start = parseFloat(audio.dataset.start || "0");
    var param = new URLSearchParams(window.location.search).get("t");
    if (param !== null && isFinite(parseFloat(param))) start = parseFloat(param);
    if (start > 0) {
      var apply = function () { seek(start, false); };
      if (audio.readyState >= 1) apply();
      else audio.addEventListener("loadedmetadata", apply, { once: true });
      // Highlight the line even before the media has loaded.
      current = -1;
      var i = indexAt(start);
      if (i >= 0) {
        cues[i].setAttribute("aria-current", "true");
        cues[i].classList.add("is-current");
        current = i;
        if (transcript) transcript.scrollTop = cues[i].offsetTop - transcript.offsetTop;
      }
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
