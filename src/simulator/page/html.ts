/**
 * The page's HTML, shipped as a string so `tsc` carries it into `dist/` with the rest of the package
 * (tsc copies no other files). Served at `GET /` by the simulator.
 */
export const indexHtml = String.raw`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="color-scheme" content="light">
  <meta name="liveengage-account" content="{{accountId}}">
  <title>LiveEngage simulator · test your bot</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/simulator/page/style.css">
  <script type="module" src="/simulator/page/app.js"></script>
</head>
<body>
  <a class="skip-link" href="#workspace">Skip to the agent workspace</a>
  <div id="connection" class="connection" role="alert"></div>
  <header class="topbar">
    <div class="brand">
      <span class="logo" aria-hidden="true">LE</span>
      <div>
        <h1>LiveEngage simulator</h1>
        <p class="tagline">Test your bot: chat as a visitor, watch it from the agent workspace, take escalated chats as a human.</p>
      </div>
    </div>
    <dl class="facts">
      <div><dt>Account</dt><dd id="account-id">…</dd></div>
      <div><dt>Updates</dt><dd><span id="feed-status" class="feed feed-connecting" role="status">Connecting…</span></dd></div>
    </dl>
  </header>

  <section class="checklist" aria-labelledby="checklist-title">
    <h2 id="checklist-title">Step 4 · Test your bot</h2>
    <ol id="checklist" class="checklist-items"></ol>
  </section>

  <div id="toast" class="toast" role="alert" hidden></div>

  <main class="layout">
    <section class="panel visitor-panel" aria-labelledby="visitor-title">
      <div class="panel-head">
        <h2 id="visitor-title">Visitor</h2>
        <p class="panel-note">What a customer sees in the chat window.</p>
      </div>

      <form id="start-form" class="start-form">
        <div class="field">
          <label for="visitor-name">Your name</label>
          <input id="visitor-name" name="visitorName" autocomplete="off" maxlength="60" placeholder="Ada">
        </div>
        <div class="field">
          <label for="skill-select">Skill (engagement)</label>
          <select id="skill-select" name="skill"></select>
        </div>
        <button type="submit" class="btn btn-primary">Start chat</button>
        <p class="hint">The chat is routed to an agent with the skill, as a LiveEngage engagement would route it.</p>
      </form>

      <div id="visitor-chat" class="visitor-chat" hidden>
        <div class="chat-head">
          <div>
            <p id="visitor-status" class="chat-status"></p>
            <p id="visitor-meta" class="chat-meta"></p>
          </div>
          <button type="button" id="visitor-end" class="btn btn-quiet">End chat</button>
          <button type="button" id="visitor-new" class="btn btn-primary" hidden>New chat</button>
        </div>
        <ol id="visitor-transcript" class="transcript" role="log" aria-live="polite" aria-label="Chat with the agent" tabindex="0"></ol>
        <p id="visitor-typing" class="typing" aria-live="polite"></p>
        <form id="visitor-form" class="composer">
          <label for="visitor-input" class="visually-hidden">Message</label>
          <input id="visitor-input" name="text" autocomplete="off" maxlength="2000" placeholder="Type a message">
          <button type="submit" class="btn btn-primary">Send</button>
        </form>
        <ul id="quick-replies" class="quick" aria-label="Quick messages" hidden></ul>
      </div>
    </section>

    <section id="workspace" class="workspace" aria-labelledby="workspace-title" tabindex="-1">
      <div class="panel-head">
        <h2 id="workspace-title">Agent workspace</h2>
        <p class="panel-note">Everything LiveEngage knows: agents, queues and every chat, live.</p>
      </div>
      <div class="ws-grid">
        <section class="card agents-card" aria-labelledby="agents-title">
          <h3 id="agents-title">Agents</h3>
          <div class="table-wrap">
            <table class="agents">
              <thead>
                <tr><th scope="col">Agent</th><th scope="col">Skills</th><th scope="col">State</th><th scope="col">Chats</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr>
              </thead>
              <tbody id="agents-body"></tbody>
            </table>
          </div>
        </section>

        <section class="card queues-card" aria-labelledby="queues-title">
          <h3 id="queues-title">Queues</h3>
          <ul id="queues" class="queues"></ul>
        </section>

        <section class="card chats-card" aria-labelledby="chats-title">
          <h3 id="chats-title">Chats</h3>
          <nav aria-labelledby="chats-title">
            <ul id="chat-list" class="chat-list"></ul>
          </nav>
        </section>

        <section class="card detail-card" aria-labelledby="detail-heading">
          <h3 id="detail-heading">Chat</h3>
          <div id="chat-detail" class="chat-detail">
            <p class="placeholder">Start a chat as a visitor: it shows up here, live, with its skill, agent and transcript.</p>
          </div>
        </section>
      </div>
    </section>

    <section id="performance" class="performance" aria-labelledby="performance-title">
      <div class="panel-head">
        <h2 id="performance-title">Bot performance</h2>
        <p class="panel-note">Step 5 · Monitor your bot: per bot and A/B variant, from the bot's own metrics. <span id="dashboard-updated"></span></p>
      </div>
      <div id="dashboard" class="dash-grid" aria-busy="true">
        <p class="placeholder">Loading the bot metrics…</p>
      </div>
    </section>
  </main>
</body>
</html>
`;
