package dev.hexsnap.worker;

import dev.hexsnap.testsupport.ThrowawayDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/** One number from a test's database. */
final class Sql {

    private Sql() {
    }

    static long number(ThrowawayDatabase db, String sql) {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(ThrowawayDatabase db, String sql) {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
