/** The page's stylesheet, shipped as a string (`/simulator/page/style.css`). No fonts or images from anywhere. */
export const styleCss = String.raw`
:root {
  --bg: #f3f5f9;
  --card: #ffffff;
  --line: #d8dee8;
  --text: #1b2433;
  --muted: #556070;
  --accent: #1d5fd1;
  --accent-dark: #174ea9;
  --accent-soft: #e8effc;
  --bot-soft: #eef1f6;
  --human: #176b35;
  --human-soft: #e3f3e8;
  --private: #7a4500;
  --private-soft: #fff4dc;
  --danger: #b42318;
  --top: #1c2638;
  --brand: #ff7a1a;
  --radius: 10px;
  --shadow: 0 1px 2px rgba(16, 24, 40, .06), 0 1px 3px rgba(16, 24, 40, .08);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 15px;
  line-height: 1.45;
  color: var(--text);
  background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; }
h1, h2, h3, h4, p { margin: 0; }
button, input, select { font: inherit; color: inherit; }
:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
[hidden] { display: none !important; }
/* Read by screen readers, takes no room: a 1px box clipped to nothing. A table ignores its width, so a
   hidden table goes inside a hidden div. */
.visually-hidden { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }
.skip-link { position: absolute; left: 8px; top: -48px; background: #fff; color: var(--accent); padding: 8px 12px; border-radius: 6px; z-index: 10; }
.skip-link:focus { top: 8px; }
.muted { color: var(--muted); }
.small { font-size: 13px; }
.empty { color: var(--muted); padding: 12px 0; }

/* ---------------------------------------------------------------- top bar */
.topbar { display: flex; align-items: center; justify-content: space-between; gap: 16px; flex-wrap: wrap; padding: 12px 24px; background: var(--top); color: #fff; }
.brand { display: flex; align-items: center; gap: 12px; }
.logo { display: grid; place-items: center; width: 38px; height: 38px; border-radius: 9px; background: var(--brand); color: #1c2638; font-weight: 800; letter-spacing: .5px; }
.topbar h1 { font-size: 19px; font-weight: 650; }
.tagline { color: #c9d3e3; font-size: 13px; }
.facts { display: flex; gap: 24px; margin: 0; }
.facts dt { font-size: 11px; text-transform: uppercase; letter-spacing: .06em; color: #a9b6ca; }
.facts dd { margin: 0; font-weight: 600; }
.feed { display: inline-flex; align-items: center; gap: 6px; }
.feed::before { content: ""; width: 9px; height: 9px; border-radius: 50%; background: #f0a500; }
.feed-live::before { background: #3ddc84; box-shadow: 0 0 0 3px rgba(61, 220, 132, .25); }
.feed-polling::before { background: #5cc8ff; }
.feed-lost::before { background: #ff6b5e; }

/* ---------------------------------------------------------------- lost contact */
.connection { position: sticky; top: 0; z-index: 30; }
.banner { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 10px; margin: 0; padding: 10px 24px; background: #fff4dc; color: #5c3400; border-bottom: 1px solid #e9b949; box-shadow: var(--shadow); }

/* ---------------------------------------------------------------- checklist */
.checklist { display: flex; align-items: center; gap: 16px; flex-wrap: wrap; padding: 10px 24px; background: #fff; border-bottom: 1px solid var(--line); }
.checklist h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); white-space: nowrap; }
.checklist-items { display: flex; flex-wrap: wrap; gap: 6px 18px; list-style: none; margin: 0; padding: 0; }
.check { display: inline-flex; align-items: center; gap: 7px; font-size: 13px; color: var(--muted); }
.check-mark { display: grid; place-items: center; width: 20px; height: 20px; border-radius: 50%; border: 1.5px solid #9aa5b5; font-size: 11px; font-weight: 700; }
.check.done { color: var(--text); }
.check.done .check-mark { background: var(--human); border-color: var(--human); color: #fff; }

/* ---------------------------------------------------------------- layout */
.layout { display: grid; grid-template-columns: minmax(320px, 400px) minmax(0, 1fr); grid-template-areas: "visitor workspace" "visitor performance"; gap: 20px; padding: 20px 24px 32px; align-items: start; }
.visitor-panel { grid-area: visitor; }
.workspace { grid-area: workspace; }
.performance { grid-area: performance; min-width: 0; }
.panel, .card { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); box-shadow: var(--shadow); }
.panel { padding: 16px; }
.panel-head { display: flex; align-items: baseline; justify-content: space-between; gap: 12px; flex-wrap: wrap; margin-bottom: 12px; }
.panel-head h2 { font-size: 17px; }
.panel-note { color: var(--muted); font-size: 13px; }
.workspace { min-width: 0; }
.visitor-panel { position: sticky; top: 16px; }
.workspace:focus { outline: none; }
.ws-grid { display: grid; grid-template-columns: minmax(250px, 310px) minmax(0, 1fr); grid-template-rows: auto auto 1fr; grid-template-areas: "agents agents" "queues detail" "chats detail"; gap: 16px; align-items: start; }
.agents-card { grid-area: agents; }
.queues-card { grid-area: queues; }
.chats-card { grid-area: chats; }
.detail-card { grid-area: detail; align-self: stretch; }
.card { padding: 14px 16px; min-width: 0; }
.card h3 { font-size: 14px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin-bottom: 10px; }

/* ---------------------------------------------------------------- buttons and fields */
.btn { border: 1px solid transparent; border-radius: 8px; padding: 8px 14px; font-weight: 600; cursor: pointer; background: #fff; white-space: nowrap; }
.btn:disabled { opacity: .55; cursor: not-allowed; }
.btn-primary { background: var(--accent); color: #fff; }
.btn-primary:hover:not(:disabled) { background: var(--accent-dark); }
.btn-quiet { border-color: var(--line); color: var(--text); }
.btn-quiet:hover:not(:disabled) { background: var(--bg); }
.btn-danger { border-color: #e4b4ae; color: var(--danger); }
.btn-danger:hover:not(:disabled) { background: #fdf0ee; }
.btn-small { padding: 4px 10px; font-size: 13px; }
.link { border: 0; background: none; padding: 0; color: var(--accent); font-weight: 600; cursor: pointer; text-decoration: underline; text-underline-offset: 2px; }
input, select { border: 1px solid #b8c1cf; border-radius: 8px; padding: 8px 10px; background: #fff; min-width: 0; }
input:focus-visible, select:focus-visible { outline: 3px solid #f0a500; outline-offset: 0; border-color: var(--accent); }
.field { display: grid; gap: 4px; }
.field label { font-weight: 600; font-size: 13px; }
.start-form { display: grid; gap: 12px; }
.start-form .btn { justify-self: start; }

/* ---------------------------------------------------------------- visitor chat */
.visitor-chat { display: grid; gap: 8px; }
.chat-head { display: flex; justify-content: space-between; align-items: center; gap: 8px; padding-bottom: 8px; border-bottom: 1px solid var(--line); }
.chat-status { font-weight: 650; }
.chat-status.status-waiting { color: #8a5a00; }
.chat-status.status-chatting { color: var(--human); }
.chat-meta { color: var(--muted); font-size: 13px; }
.typing { min-height: 20px; color: var(--muted); font-size: 13px; font-style: italic; }
.dots { display: inline-flex; gap: 3px; margin-left: 4px; vertical-align: middle; }
.dots span { width: 5px; height: 5px; border-radius: 50%; background: currentColor; animation: blink 1.2s infinite; }
.dots span:nth-child(2) { animation-delay: .2s; }
.dots span:nth-child(3) { animation-delay: .4s; }
@keyframes blink { 0%, 80%, 100% { opacity: .25; } 40% { opacity: 1; } }
@media (prefers-reduced-motion: reduce) { .dots span { animation: none; } }
.composer { display: flex; gap: 8px; }
.quick { display: flex; flex-wrap: wrap; gap: 6px; list-style: none; margin: 0; padding: 0; }
.quick button { border: 1px solid #b9c8e6; background: var(--accent-soft); color: var(--accent-dark); border-radius: 999px; padding: 3px 11px; font-size: 13px; font-weight: 600; cursor: pointer; }
.quick button:hover:not(:disabled) { background: #d9e5fa; }
.quick button:disabled { opacity: .5; cursor: not-allowed; }
.hint { font-size: 13px; color: var(--muted); }
.placeholder { border: 1px dashed #b8c1cf; border-radius: 8px; padding: 28px 16px; text-align: center; color: var(--muted); }
.composer input { flex: 1; }

/* ---------------------------------------------------------------- transcripts */
.transcript { list-style: none; margin: 0; padding: 12px; display: flex; flex-direction: column; gap: 10px; height: 420px; overflow-y: auto; background: #fafbfd; border: 1px solid var(--line); border-radius: 8px; }
.line { display: grid; grid-template-columns: auto 1fr; grid-template-areas: "who time" "bubble bubble"; column-gap: 8px; max-width: 85%; }
.line .who { grid-area: who; display: inline-flex; align-items: center; gap: 6px; font-size: 12px; font-weight: 650; color: var(--muted); }
.line time { grid-area: time; font-size: 11px; color: var(--muted); align-self: center; justify-self: start; }
.line .bubble { grid-area: bubble; justify-self: start; margin-top: 3px; padding: 8px 12px; border-radius: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.line.theirs { align-self: flex-start; }
.line.mine { align-self: flex-end; grid-template-columns: 1fr auto; grid-template-areas: "time who" "bubble bubble"; }
.line.mine .who { justify-self: end; }
.line.mine time, .line.mine .bubble { justify-self: end; }
.visitor-panel .line.mine .bubble { background: var(--accent); color: #fff; border-bottom-right-radius: 4px; }
.visitor-panel .line.theirs .bubble { background: var(--bot-soft); border-bottom-left-radius: 4px; }
.visitor-panel .line.theirs.human .bubble { background: var(--human-soft); }
.chat-detail .line.visitor .bubble { background: #fff; border: 1px solid var(--line); border-bottom-left-radius: 4px; }
.chat-detail .line.mine .bubble { background: var(--accent-soft); border-bottom-right-radius: 4px; }
.chat-detail .line.mine.human .bubble { background: var(--human-soft); }
.line.agents-only .bubble { background: var(--private-soft) !important; border: 1px dashed #b76e00; color: var(--private); }
.line.system { align-self: center; max-width: 92%; grid-template-columns: auto auto; grid-template-areas: "bubble time"; align-items: baseline; }
.system-text { grid-area: bubble; color: var(--muted); font-size: 13px; font-style: italic; text-align: center; }
.marker { align-self: stretch; display: flex; align-items: center; gap: 10px; color: var(--muted); font-size: 11px; text-transform: uppercase; letter-spacing: .06em; }
.marker::before, .marker::after { content: ""; flex: 1; border-top: 1px solid var(--line); }
.tag { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 10.5px; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; line-height: 17px; }
.tag-bot { background: var(--accent-soft); color: var(--accent-dark); }
.tag-human { background: var(--human-soft); color: var(--human); }
.tag-private { background: var(--private-soft); color: var(--private); border: 1px dashed #b76e00; }

/* ---------------------------------------------------------------- badges */
.badge { display: inline-flex; align-items: center; gap: 6px; padding: 2px 9px; border-radius: 999px; font-size: 12px; font-weight: 650; white-space: nowrap; background: #eceff3; color: #3f4856; }
.badge .dot { width: 7px; height: 7px; border-radius: 50%; background: currentColor; }
.badge-online, .badge-chatting { background: #e1f3e7; color: #176b35; }
.badge-away, .badge-waiting { background: #fff0d4; color: #8a5a00; }
.badge-occupied { background: #fde7e6; color: #a3261d; }
.badge-offline, .badge-ended { background: #eceff3; color: #4b5563; }

/* ---------------------------------------------------------------- agents */
.table-wrap { overflow-x: auto; position: relative; }
.agents { width: 100%; border-collapse: collapse; font-size: 14px; }
.agents th, .agents td { text-align: left; padding: 8px 6px; border-top: 1px solid var(--line); vertical-align: middle; }
.agents thead th { border-top: 0; font-size: 12px; color: var(--muted); font-weight: 650; padding-top: 0; }
.agents tbody th { font-weight: 400; }
.agent-name { display: flex; align-items: center; gap: 6px; font-weight: 650; white-space: nowrap; }
.login { display: block; color: var(--muted); font-size: 12px; }
.chips { display: flex; flex-wrap: wrap; gap: 4px; list-style: none; margin: 0; padding: 0; }
.chip { padding: 1px 8px; border-radius: 999px; background: #eef1f6; font-size: 12px; white-space: nowrap; }
.chip-bot { background: var(--accent-soft); color: var(--accent-dark); }
.num { white-space: nowrap; font-variant-numeric: tabular-nums; }
.ringing { color: #8a5a00; font-weight: 600; }
.actions { text-align: right; white-space: nowrap; }

/* ---------------------------------------------------------------- queues */
.queues { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; }
.queue { border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px; }
.queue-head { display: flex; justify-content: space-between; align-items: center; gap: 8px; }
.skill-name { font-weight: 650; }
.count { font-size: 12px; color: var(--muted); }
.count-busy { color: #8a5a00; font-weight: 700; }
.waiting { list-style: none; margin: 8px 0 0; padding: 0; display: grid; gap: 8px; }
.waiting-entry { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 6px 10px; align-items: center; padding: 8px 10px; border-radius: 6px; background: #fff8e8; }
.waiting-info { flex: 1 1 150px; display: grid; gap: 1px; justify-items: start; }
.take { display: flex; align-items: center; gap: 6px; margin-left: auto; }
.take-label { font-size: 12px; font-weight: 650; white-space: nowrap; }
.take select { padding: 4px 6px; }

/* ---------------------------------------------------------------- chats */
.chat-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; align-content: start; }
.list-more { padding-top: 2px; }
.list-label { font-size: 11px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin-top: 8px; }
.chat-item { width: 100%; text-align: left; display: grid; gap: 2px; padding: 8px 10px; border: 1px solid var(--line); border-radius: 8px; background: #fff; cursor: pointer; }
.chat-item:hover { border-color: #9fb3d9; }
.chat-item.selected { border-color: var(--accent); background: var(--accent-soft); box-shadow: inset 3px 0 0 var(--accent); }
.chat-item-top { display: flex; justify-content: space-between; align-items: center; gap: 8px; }
.chat-item-name { font-weight: 650; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.chat-item-sub { font-size: 12px; color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.chat-detail { display: grid; gap: 8px; align-content: start; min-width: 0; }
.detail-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 8px; }
.detail-title { font-size: 16px; }
.detail-facts { overflow-wrap: anywhere; }
.chat-id { display: block; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 11px; }
.chat-detail .transcript { height: 440px; }
.detail-actions { display: grid; gap: 8px; }
.waiting-actions { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 8px; padding: 10px; border-radius: 8px; background: #fff8e8; }
.human-actions { display: grid; gap: 8px; padding: 10px; border-radius: 8px; background: var(--human-soft); }
.human-actions .btn-danger { justify-self: start; background: #fff; }
.as-human { font-size: 13px; }
.monitor { display: flex; align-items: center; gap: 8px; font-size: 13px; color: var(--muted); }
.live-dot { width: 8px; height: 8px; border-radius: 50%; background: #1f9d55; box-shadow: 0 0 0 3px rgba(31, 157, 85, .2); }

/* ---------------------------------------------------------------- bot performance */
.dash-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(330px, 100%), 1fr)); gap: 16px; align-items: start; }
.dash-grid > .placeholder, .dash-compare { grid-column: 1 / -1; }
.dash-placeholder-title { font-weight: 650; color: var(--text); margin-bottom: 4px; }
#dashboard-updated { white-space: nowrap; }
.dash-card { position: relative; }
.dash-head { margin-bottom: 12px; }
.card h3.dash-title { display: flex; align-items: center; flex-wrap: wrap; gap: 4px 8px; margin: 0 0 2px; font-size: 16px; text-transform: none; letter-spacing: 0; color: var(--text); }
.dash-sub { font-size: 12.5px; color: var(--muted); }
.variant { padding: 1px 9px; border-radius: 999px; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: .05em; line-height: 19px; }
.variant-0 { background: #e8effc; color: #174ea9; }
.variant-1 { background: #f1e8fb; color: #6435a8; }
.variant-2 { background: #ddf3ef; color: #0d6354; }
.variant-3 { background: #fce7f0; color: #9c1f57; }
.kpis { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 8px; }
.kpi { min-width: 0; padding: 8px 10px; border: 1px solid var(--line); border-radius: 8px; background: #f8fafc; }
.kpi-label { font-size: 11px; font-weight: 650; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.kpi-value { font-size: 26px; font-weight: 700; line-height: 1.2; font-variant-numeric: tabular-nums; }
.kpi-unit { font-size: 13px; font-weight: 600; color: var(--muted); }
.kpi-sub { font-size: 12px; color: var(--muted); overflow-wrap: anywhere; }
.kpi-rate .kpi-value { color: #1f7a45; }
.kpi-good .kpi-value { color: #1f7a45; }
.kpi-fair .kpi-value { color: #9a6200; }
.kpi-poor .kpi-value { color: #b42318; }
.kpi-transfers .kpi-value { color: #b35c00; }
.dash-chart { margin-top: 16px; min-width: 0; }
.dash-chart h4 { margin-bottom: 6px; font-size: 13px; font-weight: 650; }
.dash-empty { font-size: 13px; color: var(--muted); }
.compare-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(180px, 100%), 1fr)); gap: 0 28px; }
.chart-columns { max-width: 420px; }
.compare-grid .dash-chart { margin-top: 4px; }
.chart { display: block; overflow: visible; }
.chart text { font-size: 12px; fill: var(--text); }
.chart .track { fill: #edf0f5; }
.chart .seg-label { fill: #fff; font-size: 11.5px; font-weight: 700; }
.chart .bar-label { font-size: 12.5px; }
.chart .bar-value { font-weight: 700; font-variant-numeric: tabular-nums; }
.chart .tick { fill: var(--muted); font-size: 11px; }
.seg-resolved { fill: #2e9e5b; }
.seg-transferred { fill: #ea8f27; }
.seg-released { fill: #a3adbb; }
.seg-failed { fill: #c8372d; }
.seg-variant-0 { fill: #2f6fdb; }
.seg-variant-1 { fill: #7c4dc4; }
.seg-variant-2 { fill: #14917c; }
.seg-variant-3 { fill: #c2357a; }
.gauge-good { fill: #2e9e5b; }
.gauge-fair { fill: #e0a020; }
.gauge-poor { fill: #c8372d; }
.gauge-tick { stroke: #fff; stroke-width: 2; }
.gauge-marker { fill: #fff; stroke: var(--text); stroke-width: 2.5; }
.column-track { fill: #f1f3f7; }
.column-1 { fill: #c8372d; }
.column-2 { fill: #e4702a; }
.column-3 { fill: #e0a020; }
.column-4 { fill: #7cb342; }
.column-5 { fill: #2e9e5b; }
.chart .column-count { font-size: 11.5px; font-weight: 700; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; list-style: none; margin: 6px 0 0; padding: 0; font-size: 12px; color: var(--muted); }
.legend li { display: inline-flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 3px; }
.swatch-resolved { background: #2e9e5b; }
.swatch-transferred { background: #ea8f27; }
.swatch-released { background: #a3adbb; }
.swatch-failed { background: #c8372d; }

/* ---------------------------------------------------------------- toast */
.toast { position: fixed; right: 20px; bottom: 20px; max-width: 420px; padding: 12px 16px; border-radius: 8px; background: #3b1d1a; color: #fff; box-shadow: var(--shadow); z-index: 20; }

/* ---------------------------------------------------------------- narrower screens */
@media (max-width: 1280px) {
  .layout { grid-template-columns: minmax(290px, 340px) minmax(0, 1fr); padding: 16px; gap: 16px; }
  .ws-grid { grid-template-columns: minmax(0, 1fr); grid-template-rows: none; grid-template-areas: "agents" "queues" "chats" "detail"; }
}
@media (max-width: 900px) {
  .layout { grid-template-columns: minmax(0, 1fr); grid-template-areas: "visitor" "workspace" "performance"; padding: 12px; }
  .visitor-panel { position: static; }
  .transcript { height: 320px; }
  .topbar, .checklist, .banner { padding-left: 12px; padding-right: 12px; }
}
@media (max-width: 600px) {
  /* The agents table stacks, an agent per block with its cells labelled, so no column is cut off. */
  .agents thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  .agents, .agents tbody { display: block; }
  .agents tbody tr { display: grid; grid-template-columns: auto minmax(0, 1fr) auto; grid-template-areas: "name name actions" "skills skills skills" "state chats chats"; align-items: center; gap: 6px 14px; padding: 10px 0; border-top: 1px solid var(--line); }
  .agents tbody tr:first-child { border-top: 0; padding-top: 0; }
  .agents tbody th, .agents tbody td { display: block; padding: 0; border: 0; min-width: 0; }
  .agents tbody th { grid-area: name; }
  .agents .agent-skills { grid-area: skills; }
  .agents .agent-state { grid-area: state; }
  .agents .agent-chats { grid-area: chats; }
  .agents .actions { grid-area: actions; }
  .agents .actions:empty { display: none; }
  .agents .agent-chats::before { content: attr(data-label) " "; color: var(--muted); font-size: 12px; }
}
`;
