import { ActivityHandler, type TurnContext } from 'botbuilder';

/**
 * A bot that transfers on "go" (with `send`), says "still here" otherwise, and keeps the
 * `handoff.status` values it receives.
 */
export function transferBot(send: (context: TurnContext) => Promise<unknown>): ActivityHandler & { statuses: unknown[] } {
  const bot = Object.assign(new ActivityHandler(), { statuses: [] as unknown[] });
  bot.onMessage(async (context, next) => {
    if (context.activity.text === 'go') await send(context);
    else await context.sendActivity('still here');
    await next();
  });
  bot.onEvent(async (context, next) => {
    if (context.activity.name === 'handoff.status') bot.statuses.push(context.activity.value);
    await next();
  });
  return bot;
}

/** A bot that answers any line with "Goodbye!" and ends the chat. */
export function goodbyeBot(): ActivityHandler {
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity('Goodbye!');
    await context.sendActivity({ type: 'endOfConversation' });
    await next();
  });
  return bot;
}
