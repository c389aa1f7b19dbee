package dev.accountd.store.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's writes: every call is one transaction, committed before the call returns.
 *
 * <p>On PostgreSQL each call runs on a pooled connection, and the server commits concurrent transactions together
 * itself. SQLite has one writer, and with {@code synchronous=FULL} each commit waits for the disk: committed one at
 * a time, concurrent writes would spend most of their time waiting for one flush each. So SQLite's writes run on one
 * thread which takes every call waiting when it starts a transaction, runs each in a savepoint of its own (a call
 * that fails rolls back only its own work, as its own transaction would have), and commits them with one flush
 * (group commit). A call returns only after that commit: what it was told is what is on disk.
 *
 * <p>An action a call registers with {@link Handle#afterCommit} runs when its group commits, even if that call failed
 * and its own work was rolled back: the store registers only cache forgetting there, which is harmless when nothing
 * changed. Do not register anything else. A call must not commit, roll back or begin on its handle (the group's
 * transaction is not its own), nor wait for anything that writes: the other writes wait for it, without a timeout.
 */
public final class Writer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Writer.class);
    /** The most calls committed together: bounds how long the first of them waits for the others' work. */
    static final int MOST_PER_COMMIT = 64;
    private static final String SAVEPOINT = "accountd_call";

    private final Jdbi jdbi;
    private final LinkedBlockingQueue<Call<?>> waiting;
    private final Thread thread;
    /** The writer thread's open transaction, for a call made from inside another call (run in it, not queued). */
    private Handle current;
    private boolean closed; // guarded by waiting

    private Writer(Jdbi jdbi, boolean grouped) {
        this.jdbi = jdbi;
        if (grouped) {
            this.waiting = new LinkedBlockingQueue<>();
            this.thread = new Thread(this::run, "accountd-writer");
            thread.setDaemon(true);
            thread.start();
        } else {
            this.waiting = null;
            this.thread = null;
        }
    }

    /** Each call a transaction of its own on the pool (PostgreSQL). */
    static Writer pooled(Jdbi jdbi) { return new Writer(jdbi, false); }

    /** Calls that wait together are committed together, by one thread on the one connection (SQLite). */
    static Writer grouped(Jdbi jdbi) { return new Writer(jdbi, true); }

    public <R, X extends Exception> R inTransaction(HandleCallback<R, X> callback) throws X {
        if (thread == null) return jdbi.inTransaction(callback);
        if (Thread.currentThread() == thread) return callback.withHandle(current);
        return queue(new Call<>(callback, false));
    }

    /**
     * Like {@link #inTransaction}, but never committed together with other calls: for writes that change a great many
     * pages (a reset, a purge, a large batch). In a group each call runs in a savepoint, and SQLite keeps, in memory,
     * the first image of every page a savepoint changes until the group commits; alone, a call needs no savepoint.
     */
    public <R, X extends Exception> R inTransactionAlone(HandleCallback<R, X> callback) throws X {
        if (thread == null) return jdbi.inTransaction(callback);
        if (Thread.currentThread() == thread) return callback.withHandle(current);
        return queue(new Call<>(callback, true));
    }

    private <R, X extends Exception> R queue(Call<R> call) throws X {
        synchronized (waiting) { // ordered against close(): a call is queued before its STOP, or refused
            if (closed) throw new IllegalStateException("the store is closed");
            waiting.add(call);
        }
        return call.outcome();
    }

    public <X extends Exception> void useTransaction(HandleConsumer<X> consumer) throws X {
        inTransaction(h -> {
            consumer.useHandle(h);
            return null;
        });
    }

    /** One statement, or several that need no transaction of their own; on SQLite they get one all the same. */
    public <R, X extends Exception> R withHandle(HandleCallback<R, X> callback) throws X {
        return thread == null ? jdbi.withHandle(callback) : inTransaction(callback);
    }

    public <X extends Exception> void useHandle(HandleConsumer<X> consumer) throws X {
        if (thread == null) {
            jdbi.useHandle(consumer);
        } else {
            useTransaction(consumer);
        }
    }

    /** Calls waiting for the writer thread (0 on PostgreSQL). */
    public int waiting() { return waiting == null ? 0 : waiting.size(); }

    @Override
    public void close() {
        if (thread == null) return;
        synchronized (waiting) {
            if (closed) return;
            closed = true;
            waiting.add(Call.STOP);
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Call<?>> calls = new ArrayList<>(MOST_PER_COMMIT);
        while (true) {
            try {
                calls.add(waiting.take());
            } catch (InterruptedException e) {
                continue; // only close() stops this thread, once what was queued before it is committed
            }
            waiting.drainTo(calls, MOST_PER_COMMIT - 1);
            boolean stop = calls.remove(Call.STOP);
            try {
                // in the order queued: the calls between two that must run alone are committed together
                List<Call<?>> group = new ArrayList<>(calls.size());
                for (Call<?> call : calls) {
                    if (!call.alone()) {
                        group.add(call);
                        continue;
                    }
                    if (!group.isEmpty()) commit(group);
                    group = new ArrayList<>(calls.size());
                    commit(List.of(call));
                }
                if (!group.isEmpty()) commit(group);
            } catch (Throwable unexpected) {
                // commit() reports every failure to its calls; should anything escape it, this thread must go on,
                // or every later write would wait forever
                log.error("the writer failed outside a transaction; its waiting calls are told so", unexpected);
                for (Call<?> call : calls) if (!call.finished()) call.failed(unexpected);
            }
            calls.clear();
            if (stop) return; // nothing is queued after STOP
        }
    }

    /** Runs the calls in one transaction and commits it; each call learns its own outcome. */
    private void commit(List<Call<?>> calls) {
        List<Call<?>> done = new ArrayList<>(calls.size());
        List<Call<?>> notRun = List.of();
        boolean alone = calls.size() == 1;
        try (Handle h = jdbi.open()) {
            current = h;
            h.begin();
            for (int i = 0; i < calls.size(); i++) {
                Call<?> call = calls.get(i);
                if (!alone) h.execute("SAVEPOINT " + SAVEPOINT);
                if (call.run(h)) {
                    if (!alone) h.execute("RELEASE " + SAVEPOINT);
                    done.add(call);
                } else if (!alone && rolledBackAlone(h)) {
                    call.failed(call.failure); // told once its work is undone
                } else {
                    // Alone, there is nothing else to commit. Otherwise SQLite ended the whole transaction (as it
                    // does on a full disk or an I/O error): the calls before this one are lost with it, and the
                    // ones after it get a transaction of their own.
                    safely(h::rollback);
                    call.failed(call.failure);
                    for (Call<?> lost : done) lost.failed(new IllegalStateException("the write was rolled back with another", call.failure));
                    notRun = List.copyOf(calls.subList(i + 1, calls.size()));
                    return;
                }
            }
            h.commit();
            for (Call<?> call : done) call.succeeded();
        } catch (Throwable failed) {
            // the calls not run yet are not failed: they get a transaction of their own below
            for (Call<?> call : calls) {
                if (!call.finished() && !notRun.contains(call)) call.failed(call.failure != null ? call.failure : failed);
            }
        } finally {
            current = null;
            if (!notRun.isEmpty()) commit(new ArrayList<>(notRun));
        }
    }

    private static boolean rolledBackAlone(Handle h) {
        try {
            // SQLite keeps a savepoint it rolled back to: released, the next call starts from an empty stack
            h.execute("ROLLBACK TO " + SAVEPOINT);
            h.execute("RELEASE " + SAVEPOINT);
            return true;
        } catch (RuntimeException transactionGone) {
            log.warn("a write failed and took its whole transaction with it: {}", transactionGone.getMessage());
            return false;
        }
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException ignored) {
            // the transaction is gone already
        }
    }

    /** One caller's transaction: its work, then its result or failure, which the caller waits for. */
    private static final class Call<R> {
        static final Call<Void> STOP = new Call<>(h -> null);

        private final HandleCallback<R, ?> work;
        private final boolean alone;
        private final CountDownLatch finished = new CountDownLatch(1);
        private R result;
        private Throwable failure;

        Call(HandleCallback<R, ?> work) { this(work, false); }

        Call(HandleCallback<R, ?> work, boolean alone) {
            this.work = work;
            this.alone = alone;
        }

        /** Committed in a transaction of its own, never with other calls. */
        boolean alone() { return alone; }

        /**
         * Runs the work in the open transaction; false when it failed. Its failure is kept, not yet reported: the caller
         * hears of it once the work is rolled back.
         */
        boolean run(Handle h) {
            try {
                result = work.withHandle(h);
                return true;
            } catch (Throwable t) {
                failure = t;
                return false;
            }
        }

        void succeeded() { finished.countDown(); }

        boolean finished() { return finished.getCount() == 0; }

        void failed(Throwable t) {
            failure = t;
            result = null;
            finished.countDown();
        }

        /** Waits, uninterrupted, until the transaction is committed or rolled back: the caller reports what happened. */
        @SuppressWarnings("unchecked")
        <X extends Exception> R outcome() throws X {
            boolean interrupted = false;
            while (true) {
                try {
                    finished.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            if (failure == null) return result;
            if (failure instanceof RuntimeException e) throw e;
            if (failure instanceof Error e) throw e;
            throw (X) failure;
        }
    }
}
