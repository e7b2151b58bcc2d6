// The participants' page. Every text from the room is set with textContent: a suggestion that
// looks like markup stays text. The page learns the workshop from the server's event stream and
// posts JSON with a random participant id (kept in this browser) and a fresh key per post, so a
// retry never posts twice.
"use strict";

(function () {
  var base = location.pathname.replace(/[^/]*$/, "");
  var token = base.split("/").filter(Boolean).pop() || "";
  var store = storage();
  var participant = store.get("via-room-participant") || randomId();
  store.set("via-room-participant", participant);
  var mineKey = "via-room-mine-" + token;
  var votesKey = "via-room-votes-" + token;
  var mine = parse(store.get(mineKey), []);
  var voted = parse(store.get(votesKey), {});
  var state = null;

  var $ = function (id) { return document.getElementById(id); };

  function storage() {
    var memory = {};
    try {
      var probe = "via-room-probe";
      window.localStorage.setItem(probe, probe);
      window.localStorage.removeItem(probe);
      return {
        get: function (k) { return window.localStorage.getItem(k); },
        set: function (k, v) { window.localStorage.setItem(k, v); }
      };
    } catch (e) {
      return { get: function (k) { return memory[k] || null; }, set: function (k, v) { memory[k] = v; } };
    }
  }

  function parse(text, fallback) {
    try { return text ? JSON.parse(text) : fallback; } catch (e) { return fallback; }
  }

  function randomId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    var out = "";
    for (var i = 0; i < bytes.length; i++) {
      out += "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".charAt(bytes[i] % 64);
    }
    return out;
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }

  function shorten(text, limit) {
    var flat = String(text).replace(/\s+/g, " ").trim();
    return flat.length <= limit ? flat : flat.slice(0, limit - 1).trimEnd() + "…";
  }

  // --- what the workshop holds -------------------------------------------------------------

  function goalIndex() {
    var index = {};
    if (!state) { return index; }
    state.bands.forEach(function (band) {
      band.groups.forEach(function (group) {
        group.goals.forEach(function (goal) {
          index[goal.id] = { goal: goal, band: band.band, owner: group.name, function: group.function };
        });
      });
    });
    return index;
  }

  function functionName(id) {
    if (!state || id === null || id === undefined) { return "Strategy"; }
    for (var i = 0; i < state.functions.length; i++) {
      if (state.functions[i].id === id) { return state.functions[i].name; }
    }
    return "a function no longer in the workshop";
  }

  function describe(item, goals) {
    if (item.kind === "link") {
      var s = goals[item.source], t = goals[item.target];
      return (s ? shorten(s.goal.text, 60) : "a removed goal") + (item.direct ? " ⇒ " : " → ") +
        (t ? shorten(t.goal.text, 60) : "a removed goal");
    }
    return shorten(item.text, 120) + " (" + (item.function ? functionName(item.function) : "strategic goal") + ")";
  }

  var STATUS = { pending: "waiting", accepted: "accepted", rejected: "not taken", merged: "merged", hidden: "set aside" };

  // --- drawing -------------------------------------------------------------------------------

  function render() {
    if (!state) { return; }
    var goals = goalIndex();
    $("title").textContent = state.title || "The room";
    fillGoalSelect($("link-source"), "Choose a goal");
    fillGoalSelect($("link-target"), "Choose the goal it serves");
    fillFunctionSelect($("goal-function"), true);
    fillFunctionSelect($("hinder-function"), false);
    renderQueue(goals);
    renderDisclosures();
    renderMine(goals);
    renderTree();
    checkAround();
  }

  function keepValue(select, build) {
    var value = select.value;
    while (select.firstChild) { select.removeChild(select.firstChild); }
    build();
    if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
      select.value = value;
    }
  }

  function fillGoalSelect(select, prompt) {
    keepValue(select, function () {
      var none = el("option", prompt);
      none.value = "";
      select.appendChild(none);
      state.bands.forEach(function (band) {
        band.groups.forEach(function (group) {
          if (!group.goals.length) { return; }
          var optgroup = document.createElement("optgroup");
          optgroup.label = band.label + " · " + group.name;
          group.goals.forEach(function (goal) {
            var option = el("option", shorten(goal.text, 70));
            option.value = goal.id;
            optgroup.appendChild(option);
          });
          select.appendChild(optgroup);
        });
      });
    });
  }

  function fillFunctionSelect(select, withStrategy) {
    keepValue(select, function () {
      var first = el("option", withStrategy ? "The strategy (a strategic goal)" : "No function in particular");
      first.value = "";
      select.appendChild(first);
      state.functions.forEach(function (f) {
        var option = el("option", f.name + (f.kind === "support" ? " (support)" : " (customer-facing)"));
        option.value = f.id;
        select.appendChild(option);
      });
    });
  }

  function voteButton(item) {
    var on = !!voted[item.id];
    var button = el("button", "+1 · " + item.votes, "vote");
    button.type = "button";
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.setAttribute("aria-label", (on ? "Take back your vote. " : "Vote for this. ") + item.votes +
      (item.votes === 1 ? " vote" : " votes"));
    button.addEventListener("click", function () { vote(item, button); });
    return button;
  }

  function renderQueue(goals) {
    var list = $("queue-list");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    var mineIds = {};
    mine.forEach(function (m) { mineIds[m.id] = true; });
    var pending = state.suggestions.filter(function (s) { return s.status === "pending"; });
    pending.sort(function (a, b) { return b.votes - a.votes; });
    pending.forEach(function (item) {
      var li = el("li");
      var what = el("span", null, "what");
      what.appendChild(el("span", describe(item, goals)));
      var meta = (item.author ? "by " + item.author : "anonymous") + (item.reason ? " · why: " + shorten(item.reason, 140) : "");
      what.appendChild(el("span", meta, "meta"));
      li.appendChild(what);
      if (mineIds[item.id]) {
        li.appendChild(el("span", "yours · " + item.votes, "status"));
      } else {
        li.appendChild(voteButton(item));
      }
      list.appendChild(li);
    });
    $("queue-empty").hidden = pending.length > 0;
  }

  function renderDisclosures() {
    var list = $("hinder-list");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    var mineIds = {};
    mine.forEach(function (m) { mineIds[m.id] = true; });
    var kinds = { hindrance: "Hindrance", weakness: "Weakness", gaming_kpi: "KPI that games the whole" };
    state.disclosures.forEach(function (item) {
      var li = el("li", null, item.status === "accepted" ? "accepted" : "");
      var what = el("span", null, "what");
      what.appendChild(el("span", shorten(item.text, 200)));
      what.appendChild(el("span", kinds[item.about] + (item.function ? " · " + functionName(item.function) : "") +
        (item.author ? " · " + item.author : ""), "meta"));
      li.appendChild(what);
      if (item.status === "pending" && !mineIds[item.id]) {
        li.appendChild(voteButton(item));
      } else {
        li.appendChild(el("span", STATUS[item.status] + " · " + item.votes, "status"));
      }
      list.appendChild(li);
    });
  }

  function renderMine(goals) {
    var list = $("mine-list");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    var known = {};
    state.suggestions.forEach(function (s) { known[s.id] = s; });
    state.disclosures.forEach(function (d) { known[d.id] = d; });
    mine.slice().reverse().forEach(function (m) {
      var item = known[m.id];
      var status = item ? item.status : "hidden";
      var li = el("li", null, status);
      li.setAttribute("data-id", m.id);
      var what = el("span", null, "what");
      what.appendChild(el("span", item && item.kind ? describe(item, goals) : m.label));
      if (item) { what.appendChild(el("span", item.votes + (item.votes === 1 ? " vote" : " votes"), "meta")); }
      li.appendChild(what);
      li.appendChild(el("span", STATUS[status] || status, "status"));
      list.appendChild(li);
    });
    $("mine-empty").hidden = mine.length > 0;
  }

  function renderTree() {
    var body = $("tree-body");
    while (body.firstChild) { body.removeChild(body.firstChild); }
    var goals = goalIndex();
    state.bands.forEach(function (band) {
      var section = el("section", null, "band");
      section.appendChild(el("h3", band.label));
      if (!band.groups.length) { section.appendChild(el("p", "No functions yet.", "hint")); }
      band.groups.forEach(function (group) {
        var fn = el("div", null, "fn");
        fn.appendChild(el("h4", group.name));
        var ul = el("ul");
        group.goals.forEach(function (goal) {
          var li = el("li", goal.text);
          goal.serves.forEach(function (s) {
            var target = goals[s.id];
            li.appendChild(el("span", (s.direct ? "⇒ directly: " : "→ serves: ") +
              (target ? shorten(target.goal.text, 80) : "?"), "serves"));
          });
          ul.appendChild(li);
        });
        if (!group.goals.length) { ul.appendChild(el("li", "No goals yet.", "hint")); }
        fn.appendChild(ul);
        section.appendChild(fn);
      });
      body.appendChild(section);
    });
  }

  // --- the around question, as the board asks it ------------------------------------------------

  function checkAround() {
    var goals = goalIndex();
    var s = goals[$("link-source").value], t = goals[$("link-target").value];
    var around = !!(s && t && s.band === "support" && t.band === "strategy");
    $("around").hidden = !around;
    if (around) {
      $("around-text").textContent = s.owner + " is a support function: its goals usually reach strategy " +
        "through the functions it serves. Link to one of their goals instead, or, if this goal really moves " +
        "the strategic goal directly, tick the box and say why.";
    } else {
      $("link-direct").checked = false;
    }
    var label = $("link-reason-label");
    label.firstChild.textContent = around && $("link-direct").checked ? "Why is it a direct-impact exception? " : "Why? ";
    label.lastChild.hidden = around && $("link-direct").checked;
  }

  // --- posting -------------------------------------------------------------------------------

  function name() { return $("name").value.trim(); }

  function send(fields, out, done) {
    var body = Object.assign({ participant: participant, key: randomId() }, fields);
    var attempt = 0;
    out.className = "out";
    out.textContent = "Sending…";
    function go() {
      attempt += 1;
      fetch(base + "post", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        credentials: "omit",
        cache: "no-store"
      }).then(function (response) {
        if (response.status === 503 && attempt < 4) {  // the laptop is busy: it may still record this post,
          setTimeout(go, 1000 * attempt);              // so ask again with the same key, never post anew
          return;
        }
        return response.json().catch(function () { return {}; }).then(function (answer) {
          done(response.status, answer);
        });
      }).catch(function () {
        if (attempt < 3) { setTimeout(go, 600 * attempt); return; }  // same key: never posted twice
        out.className = "out bad";
        out.textContent = "Could not reach the room. Check the Wi-Fi and try again.";
      });
    }
    go();
  }

  function remember(id, label) {
    mine.push({ id: id, label: label });
    store.set(mineKey, JSON.stringify(mine));
  }

  function said(out, ok, text) {
    out.className = ok ? "out ok" : "out bad";
    out.textContent = text;
  }

  function suggestLink(event) {
    event.preventDefault();
    var out = $("link-out");
    var source = $("link-source").value, target = $("link-target").value;
    if (!source || !target) { said(out, false, "Choose both goals first."); return; }
    var goals = goalIndex();
    var label = shorten(goals[source].goal.text, 60) + " → " + shorten(goals[target].goal.text, 60);
    send({ action: "suggest_link", source: source, target: target, reason: $("link-reason").value,
           direct: $("link-direct").checked, name: name() }, out, function (status, answer) {
      if (status === 201) {
        remember(answer.id, label);
        said(out, true, "Suggested. The facilitator will take it up with the room.");
        $("link-reason").value = "";
        $("link-direct").checked = false;
        if (state) { render(); }
      } else {
        if (answer.around) { $("around").hidden = false; }
        said(out, false, answer.error || "The room could not take this suggestion.");
      }
    });
  }

  function suggestGoal(event) {
    event.preventDefault();
    var out = $("goal-out");
    var text = $("goal-text").value.trim();
    if (!text) { said(out, false, "Write the goal first."); $("goal-text").focus(); return; }
    send({ action: "suggest_goal", text: text, function: $("goal-function").value || null,
           reason: $("goal-reason").value, name: name() }, out, function (status, answer) {
      if (status === 201) {
        remember(answer.id, shorten(text, 120));
        said(out, true, "Suggested.");
        $("goal-text").value = "";
        $("goal-reason").value = "";
        if (state) { render(); }
      } else {
        said(out, false, answer.error || "The room could not take this suggestion.");
      }
    });
  }

  function disclose(event) {
    event.preventDefault();
    var out = $("hinder-out");
    var text = $("hinder-text").value.trim();
    if (!text) { said(out, false, "Say in a few words what gets in the way."); $("hinder-text").focus(); return; }
    send({ action: "disclose", about: $("hinder-about").value, text: text,
           function: $("hinder-function").value || null, name: $("hinder-sign").checked ? name() : "" },
      out, function (status, answer) {
        if (status === 201) {
          remember(answer.id, shorten(text, 120));
          said(out, true, $("hinder-sign").checked && name() ? "Sent, signed." : "Sent, anonymously.");
          $("hinder-text").value = "";
          if (state) { render(); }
        } else {
          said(out, false, answer.error || "The room could not take this.");
        }
      });
  }

  function vote(item, button) {
    var on = !voted[item.id];
    button.disabled = true;
    send({ action: "vote", item: item.id, on: on }, $("live"), function (status, answer) {
      button.disabled = false;
      if (status === 200) {
        if (answer.voted) { voted[item.id] = true; } else { delete voted[item.id]; }
        store.set(votesKey, JSON.stringify(voted));
        item.votes = answer.votes;
        $("live").textContent = answer.voted ? "Vote counted." : "Vote taken back.";
        render();
      } else {
        $("live").textContent = answer.error || "The vote did not go through.";
      }
    });
  }

  // --- live updates --------------------------------------------------------------------------

  // A patch carries the suggestions and disclosures that changed, as they now are, and the ids gone.
  function applyPatch(patch) {
    var gone = {};
    (patch.removed || []).forEach(function (id) { gone[id] = true; });
    ["suggestions", "disclosures"].forEach(function (name) {
      var list = state[name].filter(function (item) { return !gone[item.id]; });
      var at = {};
      list.forEach(function (item, i) { at[item.id] = i; });
      (patch[name] || []).forEach(function (item) {
        if (at[item.id] === undefined) { at[item.id] = list.length; list.push(item); } else { list[at[item.id]] = item; }
      });
      state[name] = list;
    });
  }

  var pending = false;
  function renderSoon() {  // a burst of updates is drawn once, at the next frame
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; render(); });
  }

  function connect() {
    var live = $("live");
    var source = new EventSource(base + "events");
    source.onopen = function () { live.className = "live on"; live.textContent = "Live"; };
    source.onmessage = function (event) {
      var update;
      try { update = JSON.parse(event.data); } catch (e) { return; }
      if (update.patch) {
        if (!state) { return; }  // the whole picture always comes first on a stream
        applyPatch(update.patch);
      } else {
        state = update;
      }
      live.className = "live on";
      live.textContent = "Live";
      renderSoon();
    };
    source.onerror = function () {
      live.className = "live off";
      live.textContent = "Reconnecting… (the room may be closed)";
    };
  }

  document.addEventListener("DOMContentLoaded", function () {
    $("name").value = store.get("via-room-name") || "";
    $("name").addEventListener("change", function () { store.set("via-room-name", name()); });
    $("link-form").addEventListener("submit", suggestLink);
    $("goal-form").addEventListener("submit", suggestGoal);
    $("hinder-form").addEventListener("submit", disclose);
    $("link-source").addEventListener("change", checkAround);
    $("link-target").addEventListener("change", checkAround);
    $("link-direct").addEventListener("change", checkAround);
    connect();
  });
})();
