/**
 * The search index worker (bundled alone as dist/searchWorker.js): tokenises and indexes papers in a
 * worker_thread so the extension host's event loop never does, and hands back the finished index in its
 * serialized form. `IndexJob` is the pure part, used directly by the unit tests.
 */
import { parentPort } from 'node:worker_threads';
import type { IndexReply, IndexRequest } from './indexProtocol';
import { deserializeSearchIndex, SearchIndex } from './searchIndex';

/** One index build or update, fed request by request; returns the reply to send, if any. */
export class IndexJob {
  private index?: SearchIndex;
  private done = 0;
  private total = 0;

  handle(request: IndexRequest): IndexReply | undefined {
    try {
      return this.step(request);
    } catch (error) {
      return { type: 'failed', message: (error as Error).stack ?? String(error) };
    }
  }

  private step(request: IndexRequest): IndexReply | undefined {
    switch (request.type) {
      case 'start':
        // An incremental update starts from the caller's index: only the papers sent next are tokenised.
        this.index = (request.base && deserializeSearchIndex(request.base)) || new SearchIndex();
        for (const paper of request.remove) this.index.removePaper(paper);
        this.done = 0;
        this.total = request.total;
        return undefined;
      case 'paper':
        this.started().setPaper(request.paper, { document: request.document, quotes: request.quotes });
        return { type: 'progress', paper: request.paper, done: ++this.done, total: this.total };
      case 'finish':
        return { type: 'done', index: this.started().serialize() };
    }
  }

  private started(): SearchIndex {
    if (!this.index) throw new Error('search index worker: a paper or finish came before start');
    return this.index;
  }
}

const port = parentPort;
if (port) {
  const job = new IndexJob();
  port.on('message', (request: IndexRequest) => {
    const reply = job.handle(request);
    if (reply) port.postMessage(reply);
  });
}
