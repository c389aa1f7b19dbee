package dev.accountd.store.jdbc;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps the SQLite writer's statements prepared across its transactions. SQLite parses and plans a statement when it
 * is prepared, which costs about as much as running one of the writer's small statements; the writer thread runs
 * every write of the process, so that cost is paid on the one path that cannot be spread over cores.
 *
 * <p>Only for the writer's one connection, used by one thread at a time ({@link Writer}). Statements are prepared on
 * the pool's underlying connection, where the pool does not close them when the connection is returned to it. A
 * statement still in use (a query whose rows are being read while the same SQL runs again) is not handed out twice:
 * the second use gets a statement of its own, closed after it.
 */
final class CachedStatements implements StatementBuilderFactory {
    /** Enough for every fixed statement of the writer; lists bound with IN (…) of many sizes push out the oldest. */
    static final int MOST = 512;

    private final StatementBuilder plain = new DefaultStatementBuilder();
    private final Map<Key, PreparedStatement> prepared = new LinkedHashMap<>(MOST, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, PreparedStatement> eldest) {
            if (size() <= MOST || inUse.contains(eldest.getValue())) return false;
            closeQuietly(eldest.getValue());
            return true;
        }
    };
    private final Set<Statement> inUse = Collections.newSetFromMap(new IdentityHashMap<>());

    private record Key(Connection connection, String sql) {}

    @Override
    public StatementBuilder createStatementBuilder(Connection connection) {
        return new StatementBuilder() {
            @Override
            public Statement create(Connection conn, StatementContext ctx) throws SQLException { return plain.create(conn, ctx); }

            @Override
            public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
                if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()) return plain.create(conn, sql, ctx);
                return take(conn.unwrap(Connection.class), sql, conn, ctx);
            }

            @Override
            public CallableStatement createCall(Connection conn, String sql, StatementContext ctx) throws SQLException {
                return plain.createCall(conn, sql, ctx);
            }

            @Override
            public void close(Connection conn, String sql, Statement statement) throws SQLException { give(statement); }
        };
    }

    private synchronized PreparedStatement take(Connection real, String sql, Connection pooled, StatementContext ctx) throws SQLException {
        Key key = new Key(real, sql);
        PreparedStatement ps = prepared.get(key);
        if (ps != null && ps.isClosed()) {
            forget(real); // the connection went away: none of its statements can be used again
            ps = null;
        }
        if (ps == null) {
            ps = real.prepareStatement(sql);
            prepared.put(key, ps);
        } else if (inUse.contains(ps)) {
            return plain.create(pooled, sql, ctx);
        }
        inUse.add(ps);
        return ps;
    }

    private synchronized void give(Statement statement) throws SQLException {
        if (!inUse.remove(statement)) {
            // a statement of its own, closed after its one use; a kept one handed back twice stays kept
            if (!prepared.containsValue(statement)) statement.close();
            return;
        }
        try {
            PreparedStatement ps = (PreparedStatement) statement;
            ps.clearParameters();
            ps.clearBatch();
        } catch (SQLException unusable) {
            prepared.values().remove(statement);
            closeQuietly(statement);
        }
    }

    private void forget(Connection real) {
        for (Iterator<Map.Entry<Key, PreparedStatement>> i = prepared.entrySet().iterator(); i.hasNext(); ) {
            Map.Entry<Key, PreparedStatement> e = i.next();
            if (e.getKey().connection() == real) {
                closeQuietly(e.getValue());
                i.remove();
            }
        }
    }

    private static void closeQuietly(Statement s) {
        try {
            s.close();
        } catch (SQLException ignored) {
            // closing a statement of a connection that is gone
        }
    }
}
