// The compose page: checks the draft as the agent types, highlights flagged words
// (hover for the rule's message), applies fixes in one click, and shows the verdict on Send.
// Offsets come from the service in UTF-16 units, which is what JavaScript strings index by.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const draft = $("draft");
  const customer = $("customer");
  const highlights = $("highlights");
  const list = $("diagnostics");
  const verdictChip = $("verdict");
  const outcome = $("outcome");
  const tooltip = $("tooltip");
  const channel = $("channel");
  const agent = $("agent");
  const TYPING_PAUSE_MS = 150;

  const VERDICT_LABELS = {
    send: "Ready to send",
    confirm: "Warnings: check before sending",
    block: "Blocked: fix before sending",
  };

  let sequence = 0; // only the newest response is drawn
  let current = null; // {text, data} of the last drawn check
  let timer = null;
  let token = readToken();

  function readToken() {
    const fromHash = new URLSearchParams(location.hash.slice(1)).get("token");
    if (fromHash) {
      sessionStorage.setItem("replylint-token", fromHash);
      history.replaceState(null, "", location.pathname); // keep the secret out of the URL bar
      return fromHash;
    }
    return sessionStorage.getItem("replylint-token");
  }

  function requestBody(text) {
    const body = { reply: text };
    if (customer.value.trim()) body.customer = customer.value;
    if (channel.value) body.channel = channel.value;
    if (agent.value.trim()) body.config = { signature: { agent: agent.value.trim() } };
    return body;
  }

  async function check() {
    const mine = ++sequence;
    const text = draft.value;
    const headers = { "Content-Type": "application/json" };
    if (token) headers.Authorization = `Bearer ${token}`;
    setStatus("Checking…");
    let response;
    try {
      response = await fetch("/v1/check", {
        method: "POST", headers, body: JSON.stringify(requestBody(text)),
      });
    } catch (error) {
      if (mine === sequence) setStatus("The replylint service is not reachable.", true);
      return null;
    }
    if (mine !== sequence) return null;
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      const detail = data && data.error ? `${data.error.field}: ${data.error.message}` : response.statusText;
      setStatus(response.status === 401
        ? "This service needs a token: open the page as /#token=YOUR_TOKEN."
        : `Could not check (${response.status}) ${detail}`, true);
      return null;
    }
    setStatus("");
    current = { text, data };
    draw(text, data);
    return data;
  }

  function setStatus(message, isError = false) {
    const status = $("status");
    status.textContent = message;
    status.classList.toggle("error", isError);
  }

  function scheduleCheck() {
    clearTimeout(timer);
    outcome.hidden = true;
    autoGrow();
    drawCount();
    timer = setTimeout(check, TYPING_PAUSE_MS);
  }

  function autoGrow() {
    draft.style.height = "auto";
    draft.style.height = `${draft.scrollHeight + 2}px`;
  }

  function drawCount() {
    const n = [...draft.value].length;
    $("count").textContent = `${n} character${n === 1 ? "" : "s"}`;
  }

  // --- drawing -------------------------------------------------------------------

  function draw(text, data) {
    if (draft.value !== text) return; // the agent typed on; a newer check is coming
    drawHighlights(text, data.diagnostics);
    drawList(data.diagnostics, new Set(data.blocking));
    verdictChip.dataset.verdict = data.verdict;
    verdictChip.textContent = text.trim() ? VERDICT_LABELS[data.verdict] : "No draft yet";
  }

  function drawHighlights(text, diagnostics) {
    const spans = diagnostics
      .map((d, index) => ({ d, index, start: d.start_utf16, end: d.end_utf16 }))
      .sort((a, b) => a.start - b.start || b.end - a.end);
    const fragment = document.createDocumentFragment();
    let at = 0;
    for (const span of spans) {
      if (span.start < at) continue; // overlapping finding: still listed, not drawn twice
      fragment.append(text.slice(at, span.start));
      const mark = document.createElement("mark");
      mark.className = `flag ${span.d.severity}${span.start === span.end ? " point" : ""}`;
      mark.dataset.code = span.d.code;
      mark.dataset.index = String(span.index);
      mark.textContent = text.slice(span.start, span.end);
      fragment.append(mark);
      at = span.end;
    }
    // A trailing newline needs a character after it to take up its line.
    fragment.append(text.slice(at) + "\u200b");
    highlights.replaceChildren(fragment);
  }

  function drawList(diagnostics, blocking) {
    list.replaceChildren(...diagnostics.map((d, index) => diagnosticItem(d, index, blocking)));
    $("finding-count").textContent = String(diagnostics.length);
    $("clean").hidden = diagnostics.length > 0 || !draft.value.trim();
  }

  function diagnosticItem(d, index, blocking) {
    const item = document.createElement("li");
    item.className = `diagnostic ${d.severity}`;
    item.dataset.code = d.code;
    item.dataset.index = String(index);
    const head = document.createElement("div");
    head.className = "head";
    const badge = document.createElement("span");
    badge.className = `severity ${d.severity}`;
    badge.textContent = d.severity;
    const code = document.createElement("span");
    code.className = "code";
    code.textContent = `${d.code} ${d.name}`;
    head.append(badge, code);
    if (blocking.has(d.code)) {
      const blocks = document.createElement("span");
      blocks.className = "blocks";
      blocks.textContent = "blocks sending";
      head.append(blocks);
    }
    const message = document.createElement("p");
    message.className = "message";
    message.textContent = d.message;
    item.append(head, message);
    if (d.fix) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "fix";
      button.dataset.code = d.code;
      button.textContent = d.fix.title;
      button.addEventListener("click", () => applyFix(d));
      item.append(button);
    }
    item.addEventListener("mouseenter", () => setActive(index, true));
    item.addEventListener("mouseleave", () => setActive(index, false));
    return item;
  }

  function setActive(index, on) {
    const mark = highlights.querySelector(`mark[data-index="${index}"]`);
    if (mark) mark.classList.toggle("active", on);
  }

  // --- fixes ---------------------------------------------------------------------

  function applyFix(diagnostic) {
    if (!current || current.text !== draft.value) return; // offsets are for another text
    let text = draft.value;
    const edits = [...diagnostic.fix.edits].sort((a, b) => b.start_utf16 - a.start_utf16);
    for (const edit of edits) {
      text = text.slice(0, edit.start_utf16) + edit.text + text.slice(edit.end_utf16);
    }
    draft.value = text;
    draft.focus();
    autoGrow();
    drawCount();
    clearTimeout(timer);
    check();
  }

  // --- hover: the marks sit under the textarea, so hit-test their boxes -------------

  function findingAt(x, y) {
    for (const mark of highlights.querySelectorAll("mark")) {
      for (const box of mark.getClientRects()) {
        const slack = mark.classList.contains("point") ? 4 : 0;
        if (x >= box.left - slack && x <= box.right + slack && y >= box.top && y <= box.bottom) {
          return current && current.data.diagnostics[Number(mark.dataset.index)];
        }
      }
    }
    return null;
  }

  function showTooltip(event) {
    const d = findingAt(event.clientX, event.clientY);
    if (!d) {
      tooltip.hidden = true;
      return;
    }
    tooltip.textContent = "";
    const title = document.createElement("strong");
    title.textContent = `${d.code} ${d.name}`;
    tooltip.append(title, document.createTextNode(` ${d.message}`));
    tooltip.className = `tooltip ${d.severity}`;
    tooltip.hidden = false;
    const left = Math.min(event.clientX + 12, window.innerWidth - tooltip.offsetWidth - 8);
    tooltip.style.left = `${Math.max(8, left)}px`;
    tooltip.style.top = `${event.clientY + 18}px`;
  }

  // --- send ----------------------------------------------------------------------

  async function send() {
    clearTimeout(timer);
    const data = await check();
    if (!data) return;
    outcome.hidden = false;
    outcome.dataset.verdict = data.verdict;
    outcome.replaceChildren();
    const line = document.createElement("p");
    if (!draft.value.trim()) {
      line.textContent = "Write a reply first.";
      outcome.append(line);
    } else if (data.verdict === "send") {
      line.textContent = "Verdict: send. Nothing stops this reply.";
      outcome.append(line);
    } else if (data.verdict === "confirm") {
      const warnings = data.diagnostics.filter((d) => d.severity === "warning").length;
      line.textContent = `Verdict: confirm. ${warnings} warning${warnings === 1 ? "" : "s"}: send anyway?`;
      const yes = document.createElement("button");
      yes.type = "button";
      yes.className = "confirm";
      yes.textContent = "Send anyway";
      yes.addEventListener("click", () => { line.textContent = "Sent after confirming."; yes.remove(); });
      outcome.append(line, yes);
    } else {
      line.textContent = `Verdict: block. Fix ${data.blocking.join(", ")} before sending.`;
      outcome.append(line);
    }
  }

  // --- wiring --------------------------------------------------------------------

  agent.value = localStorage.getItem("replylint-agent") || "";
  channel.value = localStorage.getItem("replylint-channel") || "";
  agent.addEventListener("input", () => { localStorage.setItem("replylint-agent", agent.value); scheduleCheck(); });
  channel.addEventListener("change", () => { localStorage.setItem("replylint-channel", channel.value); scheduleCheck(); });
  draft.addEventListener("input", scheduleCheck);
  customer.addEventListener("input", scheduleCheck);
  draft.addEventListener("mousemove", showTooltip);
  draft.addEventListener("mouseleave", () => { tooltip.hidden = true; });
  window.addEventListener("resize", autoGrow);
  window.addEventListener("hashchange", () => { token = readToken(); check(); });
  $("send").addEventListener("click", send);
  autoGrow();
  drawCount();
  check();
})();
