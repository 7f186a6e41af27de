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
const subjectSql = workerData.subjectSql;
const subjectProgress = db.prepare(subjectSql.progress).pluck();
const subjectFill = db.prepare(subjectSql.fill);
const subjectFillBetween = db.prepare(subjectSql.fillBetween);
const subjectHead = db.prepare(subjectSql.head).pluck();
const subjectAdvance = db.prepare(subjectSql.advance);
const subjectInsert = db.prepare(subjectSql.insert);
const bucketOf = (seq) => Math.floor(seq / 2 ** subjectSql.bucketBits);
const byIndexKey = (a, b) => bucketOf(a[0]) - bucketOf(b[0]) || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] - b[0]);
/** Committed batches not indexed yet: { first, last, subjects: [seq, subject][] or null when unknown }. */
let committed = [];
// The subject index of what this thread committed (src/audit/subject-index.ts), in its own transaction:
// from the subjects the rows came with, in index order, so no leaf is parsed again.
const indexSubjects = db.transaction((batches) => {
  for (const b of batches) {
    const from = subjectProgress.get();
    if (from >= b.last) continue;
    if (b.subjects === null || from >= b.first) {
      // Unknown subjects, or another writer indexed part of this batch: index everything from the leaves.
      const to = subjectHead.get() ?? -1;
      subjectFill.run(from);
      subjectAdvance.run(to, to);
      return;
    }
    if (from < b.first - 1) subjectFillBetween.run(from, b.first);
    for (const [seq, subject] of b.subjects.sort(byIndexKey)) subjectInsert.run(bucketOf(seq), subject, seq);
    subjectAdvance.run(b.last, b.last);
  }
});
let indexScheduled = false;
function catchUpSubjects() {
  const batches = committed;
  committed = [];
  // Best effort: a search reads the unindexed tail too, and the next catch-up (here or on the main connection) completes it.
  try {
    indexSubjects.immediate(batches);
  } catch {}
}
const chunkParams = new Array(CHUNK * 3);
const oneParams = new Array(3);

/** The batch in progress: undefined outside one; `failed` once it cannot commit (its later messages are ignored). */
let batch;

function insertRows({ firstSeq, bytes, ends, hashes, subjects }) {
  const buf = Buffer.from(bytes);
  const count = ends.length;
  batch.last = firstSeq + count - 1;
  if (!subjects) batch.subjects = null;
  else if (batch.subjects) for (let r = 0; r < count; r++) if (subjects[r] !== null) batch.subjects.push([firstSeq + r, subjects[r]]);
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
    batch = { id: message.id, first: message.expectedSize, last: message.expectedSize - 1, subjects: [] };
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
    if (done.last >= done.first) committed.push(done);
    // After the reply: the caller encodes its next batch meanwhile. Batches queued already go first.
    if (!indexScheduled) {
      indexScheduled = true;
      setImmediate(() => {
        indexScheduled = false;
        // A batch already under way: its commit schedules the next catch-up, which takes both.
        if (!batch) catchUpSubjects();
      });
    }
  } else if (message.type === 'close') {
    if (committed.length > 0) catchUpSubjects();
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
