// The audit append writer's thread (append-writer.ts): its own connection to the database file, inserting
// the rows the main thread streams to it while the main thread encodes and hashes the next ones. One batch
// is one transaction: 'begin' (BEGIN IMMEDIATE and the expected-size check), 'rows' chunks, 'commit' with the
// interior-node rows; the reply comes once, after 'commit'. Plain JavaScript: it needs only the driver.
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';

const CHUNK = 128;
const db = new BetterSqlite3(workerData.file);
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = -65536');
// Checkpoints are the background checkpointer's job (src/db/checkpointer.ts), never inside a commit here.
db.pragma('wal_autocheckpoint = 0');
const values = (n) => Array.from({ length: n }, () => '(?, cast(? as text), ?)').join(',');
const insertChunk = db.prepare(`insert into audit_entries (seq, leaf, leaf_hash) values ${values(CHUNK)}`);
const insertOne = db.prepare(`insert into audit_entries (seq, leaf, leaf_hash) values ${values(1)}`);
const insertNode = db.prepare('insert into audit_nodes (level, idx, hash) values (?, ?, ?)');
const maxSeq = db.prepare('select max(seq) from audit_entries').pluck();
const chunkParams = new Array(CHUNK * 3);
const oneParams = new Array(3);

/** The batch in progress: undefined outside one; `failed` once it cannot commit (its later messages are ignored). */
let batch;

function insertRows({ firstSeq, bytes, ends, hashes }) {
  const buf = Buffer.from(bytes);
  const count = ends.length;
  const fill = (params, from, n) => {
    let k = 0;
    for (let r = from; r < from + n; r++) {
      params[k++] = firstSeq + r;
      params[k++] = buf.subarray(r === 0 ? 0 : ends[r - 1], ends[r]);
      params[k++] = hashes.slice(64 * r, 64 * (r + 1));
    }
    return params;
  };
  let i = 0;
  for (; i + CHUNK <= count; i += CHUNK) insertChunk.run(fill(chunkParams, i, CHUNK));
  for (; i < count; i++) insertOne.run(fill(oneParams, i, 1));
}

function handle(message) {
  if (message.type === 'begin') {
    batch = { id: message.id };
    db.exec('begin immediate');
    if ((maxSeq.get() ?? -1) + 1 !== message.expectedSize) batch.failed = { conflict: true };
  } else if (message.type === 'rows') {
    if (!batch.failed) insertRows(message);
  } else if (message.type === 'commit') {
    const done = batch;
    batch = undefined;
    if (done.failed) {
      if (db.inTransaction) db.exec('rollback');
      parentPort.postMessage({ id: done.id, ok: false, ...done.failed });
      return;
    }
    for (const [level, idx, hash] of message.nodes) insertNode.run(level, idx, hash);
    db.exec('commit');
    parentPort.postMessage({ id: done.id, ok: true });
  } else if (message.type === 'close') {
    db.close();
    parentPort.close();
  }
}

parentPort.on('message', (message) => {
  try {
    handle(message);
  } catch (error) {
    if (batch && !batch.failed) batch.failed = { error: String(error?.message ?? error) };
    else if (!batch) parentPort.postMessage({ id: message.id, ok: false, error: String(error?.message ?? error) });
    if (db.inTransaction && message.type === 'commit') db.exec('rollback');
  }
});
