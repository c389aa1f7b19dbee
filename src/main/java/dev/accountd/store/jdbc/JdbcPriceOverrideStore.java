package dev.accountd.store.jdbc;

import dev.accountd.domain.Money;
import dev.accountd.domain.PriceKind;
import dev.accountd.domain.PriceOverride;
import dev.accountd.store.Audit;
import dev.accountd.store.PriceOverrideStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/** Price overrides in a SQL store: one row per family, country, kind and selector. */
public final class JdbcPriceOverrideStore implements PriceOverrideStore {
    private static final String COLUMNS = "main_sid, iso_country, kind, selector, price_micros, currency, date_updated";
    private static final String ORDER = " ORDER BY iso_country, kind, selector";

    private final Database db;

    public JdbcPriceOverrideStore(Database db) { this.db = db; }

    @Override
    public List<PriceOverride> list(String mainSid) {
        return db.reader().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM price_overrides WHERE main_sid = :main" + ORDER)
                .bind("main", mainSid).map((rs, ctx) -> row(rs)).list());
    }

    @Override
    public List<PriceOverride> put(String mainSid, List<PriceOverride> overrides, Audit<List<PriceOverride>> audit) {
        return db.writer().inTransaction(h -> {
            // One family's changes run one at a time on every node, so each event's "previous" is the value it replaced.
            db.lockForTransaction(h, "price-overrides:" + mainSid);
            List<PriceOverride> before = new ArrayList<>();
            for (PriceOverride o : overrides) {
                before.add(find(h, o).orElse(null));
                h.createUpdate("""
                        INSERT INTO price_overrides (main_sid, iso_country, kind, selector, price_micros, currency, date_updated)
                        VALUES (:main, :country, :kind, :selector, :micros, :currency, :updated)
                        ON CONFLICT (main_sid, iso_country, kind, selector)
                        DO UPDATE SET price_micros = excluded.price_micros, currency = excluded.currency, date_updated = excluded.date_updated""")
                        .bind("main", mainSid).bind("country", o.isoCountry()).bind("kind", o.kind().wire()).bind("selector", o.selector())
                        .bind("micros", o.price().micros()).bind("currency", o.price().currency())
                        .bind("updated", o.dateUpdated().toEpochMilli())
                        .execute();
            }
            List<PriceOverride> after = new ArrayList<>();
            for (PriceOverride o : overrides) after.add(find(h, o).orElseThrow());
            JdbcEvents.record(h, audit, before, after);
            return after;
        });
    }

    @Override
    public List<PriceOverride> delete(String mainSid, Match match, Audit<List<PriceOverride>> audit) {
        StringBuilder where = new StringBuilder(" WHERE main_sid = :main AND iso_country = :country");
        match.kind().ifPresent(k -> where.append(" AND kind = :kind"));
        if (!match.selectors().isEmpty()) where.append(" AND selector IN (<selectors>)");
        return db.writer().inTransaction(h -> {
            db.lockForTransaction(h, "price-overrides:" + mainSid);
            List<PriceOverride> removed = bind(h.createQuery("SELECT " + COLUMNS + " FROM price_overrides" + where + ORDER), mainSid, match)
                    .map((rs, ctx) -> row(rs)).list();
            if (removed.isEmpty()) return removed;
            bind(h.createUpdate("DELETE FROM price_overrides" + where), mainSid, match).execute();
            JdbcEvents.record(h, audit, removed, List.of());
            return removed;
        });
    }

    private static <S extends SqlStatement<S>> S bind(S statement, String mainSid, Match match) {
        statement.bind("main", mainSid).bind("country", match.isoCountry());
        match.kind().ifPresent(k -> statement.bind("kind", k.wire()));
        if (!match.selectors().isEmpty()) statement.bindList("selectors", match.selectors());
        return statement;
    }

    private static Optional<PriceOverride> find(Handle h, PriceOverride o) {
        return h.createQuery("SELECT " + COLUMNS + " FROM price_overrides"
                        + " WHERE main_sid = :main AND iso_country = :country AND kind = :kind AND selector = :selector")
                .bind("main", o.mainSid()).bind("country", o.isoCountry()).bind("kind", o.kind().wire()).bind("selector", o.selector())
                .map((rs, ctx) -> row(rs)).findOne();
    }

    private static PriceOverride row(ResultSet rs) throws SQLException {
        String kind = rs.getString("kind");
        return new PriceOverride(rs.getString("main_sid"), rs.getString("iso_country"),
                PriceKind.fromWire(kind).orElseThrow(() -> new IllegalStateException("unknown price kind '" + kind + "' in the store")),
                rs.getString("selector"), new Money(rs.getLong("price_micros"), rs.getString("currency")),
                Instant.ofEpochMilli(rs.getLong("date_updated")));
    }
}
