/**
 * The bot processes of one soak run, on either transport: their shared storage (BlobsStorage on an
 * Azurite the run starts, or one MemoryStorage the soak serves over IPC), what they report, and a way
 * to start a bot user's process (again, after a kill).
 */
import type { ChildProcess } from 'node:child_process';
import { MemoryStorage, type Storage } from 'botbuilder';
import type { Transport } from '../cli/args.js';
import type { LiveEngageSimulator, SimulatedBotUser } from '../src/simulator/index.js';
import type { StorageKind } from './args.js';
import { startAzurite, type Azurite } from './azurite.js';
import { emptyReports, startBot, stopBot, type BotReports } from './bots.js';
import type { AdapterTiming } from './timing.js';

export interface Fleet {
  /** One process per bot user, in their order; `undefined` while one is killed. */
  bots: (ChildProcess | undefined)[];
  reports: BotReports;
  /** Starts a bot user's process; resolves once its adapter has started. */
  start(user: SimulatedBotUser): Promise<ChildProcess>;
  /** Stops every process still running, then Azurite. */
  stop(): Promise<void>;
}

export async function startFleet(sim: LiveEngageSimulator, botUsers: SimulatedBotUser[], run: { storage: StorageKind; transport: Transport; timing: AdapterTiming }, say: (line: string) => void): Promise<Fleet> {
  let azurite: Azurite | undefined;
  let shared: Storage | undefined;
  if (run.storage === 'azurite') {
    azurite = await startAzurite();
    say(`Azurite blob service at ${azurite.blobEndpoint}`);
  } else {
    shared = new MemoryStorage();
  }
  const reports = emptyReports();
  const start = (user: SimulatedBotUser): Promise<ChildProcess> => startBot({
    domainApiUrl: sim.domainApiUrl,
    accountId: sim.accountId,
    username: user.loginName,
    password: user.password ?? '',
    timing: run.timing,
    storage: run.storage,
    transport: run.transport,
    ...(azurite ? { connectionString: azurite.connectionString, container: 'soak' } : {}),
  }, reports, shared);
  const bots: (ChildProcess | undefined)[] = await Promise.all(botUsers.map(start));
  return {
    bots,
    reports,
    start,
    async stop() {
      await Promise.all(bots.map((bot) => (bot ? stopBot(bot) : undefined)));
      await azurite?.stop();
    },
  };
}
