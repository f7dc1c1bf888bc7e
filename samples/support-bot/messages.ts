/** Everything the support bot says, in one place. */
export const messages = {
  /** Variant A's welcome (and the Emulator's): what the bot knows, and how to reach a person. */
  welcome: (name: string | undefined) =>
    `Hi${greetingName(name)}! I'm the Support Bot. Ask me about our opening hours, pricing or an order's status. Type "agent" any time to talk to a person.`,
  /** Variant B's welcome: shorter, a menu of what to ask. */
  welcomeMenu: (name: string | undefined) =>
    `Hello${greetingName(name)}, Support Bot here. I can help with: opening hours · pricing · your order. Prefer a person? Type "agent".`,
  greeting: 'Hello! How can I help you today? I know about opening hours, pricing and orders.',
  hours: 'We are open Monday to Friday, 8:00 to 20:00, and Saturday 9:00 to 17:00 (CET). Our chat team is online during those hours.',
  pricing: 'Basic is 9 € a month, Pro is 29 € a month, and Business starts at 99 € a month. Every plan comes with a 14-day free trial.',
  askOrderNumber: 'Sure. What is your order number? (5 to 10 digits, e.g. 123456)',
  retryOrderNumber: 'That does not look like an order number. Please type the 5 to 10 digits from your confirmation email.',
  orderStatus: (orderNumber: string) => {
    const statuses = ['is being packed and will ship tomorrow', 'has shipped and should arrive within 2 days', 'was delivered yesterday'];
    return `Order #${orderNumber} ${statuses[Number(orderNumber) % statuses.length]}.`;
  },
  didNotUnderstand: (text: string) =>
    `Sorry, I did not get "${text.length > 60 ? `${text.slice(0, 57)}...` : text}". I can help with opening hours, pricing and order status, or type "agent" to talk to a person.`,
  goodbye: 'Thanks for chatting with us. Goodbye!',
  /** The CSAT question (`CsatDialog`) after "bye"; the visitor types the rating. */
  csatQuestion: 'Before you go: how would you rate this chat from 1 (poor) to 5 (great)? Or type "skip".',
  csatRetry: 'Sorry, I didn\'t get that. Please type a number from 1 (poor) to 5 (great), or "skip".',
  csatThanks: (rating: number) =>
    rating >= 4
      ? 'Thank you for your feedback, glad I could help! Goodbye.'
      : rating === 3
        ? 'Thank you for your feedback! Goodbye.'
        : 'Thank you for telling us, we will use it to do better. Goodbye.',
  nobodyFree: 'Sorry, nobody from our team is free right now. I am still here: ask me about opening hours, pricing or your order, or try "agent" again later.',
  escalating: 'Let me connect you with a person who can help.',
  /** Outside LiveEngage (Emulator, Agents Playground), where the transfer would happen. */
  transferNotice: (skill: string) => `(Testing outside LiveEngage: here the chat would go to a person on the ${skill} skill.)`,
} as const;

/** The CSAT question's texts (`CsatFlow` / `CsatDialog` options): asked after "bye", the visitor types the rating. */
export const csatTexts = {
  question: messages.csatQuestion,
  retryPrompt: messages.csatRetry,
  thanks: messages.csatThanks,
  skipped: messages.goodbye,
} as const;

/** " Ada", or nothing for a visitor without a real name. */
function greetingName(name: string | undefined): string {
  return name && name !== 'visitor' && name !== 'User' ? ` ${name}` : '';
}
