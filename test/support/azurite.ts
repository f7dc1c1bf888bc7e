/**
 * Azurite for tests: `const azurite = useAzurite()` in a describe starts the blob service on loopback
 * in `before()` and kills it in `after()`; `azurite().storage()` is a botbuilder `BlobsStorage` on a
 * container of its own, so tests never see each other's items.
 */
import { randomUUID } from 'node:crypto';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { startAzurite, type Azurite } from '../../soak/azurite.js';

export interface TestAzurite extends Azurite {
  /** A BlobsStorage on a new container (or on `container`, to share one between two "processes"). */
  storage(container?: string): BlobsStorage;
}

export function useAzurite(): () => TestAzurite {
  let azurite: TestAzurite | undefined;
  before(async function () {
    this.timeout(60_000);
    const started = await startAzurite();
    azurite = { ...started, storage: (container = `c${randomUUID().replaceAll('-', '').slice(0, 20)}`) => new BlobsStorage(started.connectionString, container) };
  });
  after(async function () {
    this.timeout(10_000);
    await azurite?.stop();
  });
  return () => {
    if (!azurite) throw new Error('useAzurite(): Azurite is not started (call it inside describe, use it in tests)');
    return azurite;
  };
}
