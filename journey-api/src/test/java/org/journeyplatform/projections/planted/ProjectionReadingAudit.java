package org.journeyplatform.projections.planted;

/**
 * A planted violation, never used: a projection whose SQL reads the web layer's audit log (TableOwnershipTest must
 * find it).
 */
public class ProjectionReadingAudit {

    public String sql() {
        return "SELECT count(*) FROM audit_entry WHERE participant_id = ?";
    }
}
