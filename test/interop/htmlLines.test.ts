import assert from 'node:assert/strict';
import { conformHtml, messageContent, renderHtml } from '../../src/core/renderMessage.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import type { TurnContext } from 'botbuilder';
import { startPair, waitForLines } from '../support/harness.js';
import { TestAgent } from '../support/simulatorClient.js';

/**
 * LivePerson's rules for html lines (send-lines page): no iframes, scripts or DOM manipulation; link
 * targets are rewritten to `_blank`. The adapter's html follows them; the simulator stores agent html
 * as sent.
 */
describe('html lines against LivePerson\'s rules', () => {
  const cases: [string, string, string][] = [
    ['html that follows the rules goes out exactly as written', `<p dir='ltr' style='direction: ltr; text-align: left;'>Hello</p>`, `<p dir='ltr' style='direction: ltr; text-align: left;'>Hello</p>`],
    ['a script is dropped with its content', '<b>bold</b><script>alert(1)</script>', '<b>bold</b>'],
    ['a script inside svg is dropped', '<div><svg><script>1</script></svg></div>', '<div><svg/></div>'],
    ['an iframe is dropped, upper case too', '<IFRAME src="https://e.example"></IFRAME><p>ok</p>', '<p>ok</p>'],
    ['object and embed are dropped', '<object data="x"></object><embed src="y"><p>ok</p>', '<p>ok</p>'],
    ['event handlers (DOM actions) are dropped', '<img src="https://i.example/a.png" onerror="alert(1)">', '<img src="https://i.example/a.png">'],
    ['a javascript: link loses its href, the link opens in a new window', '<a href="javascript:alert(1)" onclick="x()">x</a>', '<a target="_blank">x</a>'],
    ['javascript: hidden by white space is caught', '<a href=" java\tscript:alert(1)">x</a>', '<a target="_blank">x</a>'],
    ['a data: src is dropped', '<img src="data:text/html,<script>1</script>">', '<img>'],
    ['link targets become _blank', '<a href="https://x.example/?a=1&amp;b=2" target="_self">x</a>', '<a href="https://x.example/?a=1&amp;b=2" target="_blank">x</a>'],
    ['mailto, tel and relative links stay', '<a href="mailto:a@b.example" target="_blank">m</a><a href="/help" target="_blank">h</a>', '<a href="mailto:a@b.example" target="_blank">m</a><a href="/help" target="_blank">h</a>'],
    ['comments are dropped (conditional markup)', '<!--[if IE]><script>1</script><![endif]-->hi', 'hi'],
    ['text with entities is untouched', '1 &lt; 2 &amp; 3 &gt; 2', '1 &lt; 2 &amp; 3 &gt; 2'],
  ];
  for (const [name, input, expected] of cases) {
    it(`conformHtml: ${name}`, () => assert.equal(conformHtml(input), expected));
  }

  it('the adapter\'s own html escapes text, keeps only http(s) links and opens them in a new window', () => {
    const html = renderHtml(messageContent({
      text: '<script>alert(1)</script> & more',
      attachments: [{ contentType: 'application/vnd.microsoft.card.hero', content: { buttons: [{ type: 'openUrl', title: 'Go', value: 'https://go.example' }, { type: 'openUrl', title: 'Bad', value: 'javascript:alert(1)' }] } }],
    }));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more'));
    assert.ok(html.includes('<a href="https://go.example" target="_blank">Go</a>'));
    assert.ok(!html.includes('javascript:'));
    assert.equal(conformHtml(html), html, 'what the adapter writes already follows the rules');
  });

  describe('end to end: a bot-written html line reaches the simulator conformed, and is stored as sent', () => {
    let pair: Awaited<ReturnType<typeof startPair>> | undefined;
    afterEach(async () => {
      await pair?.close();
      pair = undefined;
    });

    it('script and handler dropped, link opened in a new window, before it is sent', async () => {
      const bot = {
        run: async (context: TurnContext) => {
          if (context.activity.type !== 'message') return;
          await context.sendActivity({ type: 'message', textFormat: 'xml', text: '<p onclick="steal()">See <a href="https://docs.example">the docs</a></p><script>steal()</script>' });
        },
      };
      pair = await startPair(bot);
      const { chatId } = pair.sim.startChat({ skill: 'support-bot' });
      pair.sim.visitorSays(chatId, 'help');
      const [line] = await waitForLines(pair.sim, chatId, 1);
      assert.equal(line, '<p>See <a href="https://docs.example" target="_blank">the docs</a></p>');
      assert.equal(pair.sim.chat(chatId).events.find((e) => e.source === 'agent')?.textType, 'html');
    });
  });

  it('the simulator stores html as sent, scripts included: enforcing the rules is the client\'s job', async () => {
    const sim = new LiveEngageSimulator({ log: false });
    await sim.start();
    try {
      const agent = await TestAgent.start(sim);
      const { chatId } = sim.startChat({ skill: 'support-bot' });
      const chatUrl = await agent.accept();
      const raw = '<p>hi</p><script>alert(1)</script>';
      assert.equal((await agent.say(chatUrl, raw, { textType: 'html' })).status, 201);
      assert.equal(sim.chat(chatId).events.at(-1)?.text, raw);
    } finally {
      await sim.stop();
    }
  });
});
