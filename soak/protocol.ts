/** What the soak's bot process reports to the soak. */
export type FromBot =
  | { kind: 'ready' }
  | { kind: 'sent'; nonce: string }
  | { kind: 'error'; message: string };

export interface BotProcessOptions {
  domainApiUrl: string;
  accountId: string;
  storageDir: string;
}
