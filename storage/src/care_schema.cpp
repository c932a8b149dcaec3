#include "care_schema.hpp"

namespace simpul::storage {

const char* care_migration_sql() {
  return R"SQL(
-- Screenings: the HLC a screening was recorded at (resolve_concurrent orders by day, HLC, id on every
-- device) and the kiosk screening a poli screening completes.
ALTER TABLE screenings ADD COLUMN recorded_hlc TEXT;
ALTER TABLE screenings ADD COLUMN completes TEXT;
CREATE INDEX screenings_day ON screenings(day, facility);
-- Local, derived from the screenings by resolve_concurrent (never synced): which screening counts for
-- its 12-month period, which is a duplicate of which, and the desk's review of a duplicate.
CREATE TABLE screening_standings (
  screening_id TEXT PRIMARY KEY, participant_id TEXT NOT NULL, counts INTEGER NOT NULL,
  duplicate_of TEXT, superseded_by TEXT, reviewed_at_ms INTEGER, reviewed_by TEXT
);
CREATE INDEX screening_standings_participant ON screening_standings(participant_id);
CREATE INDEX screening_standings_open ON screening_standings(counts, reviewed_at_ms);
-- Participants whose screenings changed (a local write, a pull, a merge re-pointing participant_id):
-- the next read resolves them again.
CREATE TABLE screening_dirty (participant_id TEXT PRIMARY KEY);
INSERT OR IGNORE INTO screening_dirty(participant_id) SELECT DISTINCT participant_id FROM screenings;
CREATE TRIGGER screenings_dirty_ai AFTER INSERT ON screenings BEGIN
  INSERT OR IGNORE INTO screening_dirty(participant_id) VALUES (new.participant_id);
END;
CREATE TRIGGER screenings_dirty_au AFTER UPDATE ON screenings BEGIN
  INSERT OR IGNORE INTO screening_dirty(participant_id) VALUES (old.participant_id);
  INSERT OR IGNORE INTO screening_dirty(participant_id) VALUES (new.participant_id);
END;
CREATE TRIGGER screenings_dirty_ad AFTER DELETE ON screenings BEGIN
  INSERT OR IGNORE INTO screening_dirty(participant_id) VALUES (old.participant_id);
END;
-- Facility locator: an R*Tree over the facilities' points. Its integer ids are its own (facilities has
-- a text key, and rowids of such tables may change on VACUUM); the code is an auxiliary column.
CREATE VIRTUAL TABLE facilities_geo USING rtree(id, min_lat, max_lat, min_lon, max_lon, +code);
INSERT INTO facilities_geo(id, min_lat, max_lat, min_lon, max_lon, code)
  SELECT row_number() OVER (ORDER BY id), latitude, latitude, longitude, longitude, id FROM facilities
  WHERE latitude IS NOT NULL AND longitude IS NOT NULL;
CREATE TRIGGER facilities_geo_ai AFTER INSERT ON facilities
  WHEN new.latitude IS NOT NULL AND new.longitude IS NOT NULL BEGIN
  INSERT INTO facilities_geo(id, min_lat, max_lat, min_lon, max_lon, code)
    VALUES ((SELECT coalesce(max(id), 0) + 1 FROM facilities_geo), new.latitude, new.latitude, new.longitude,
            new.longitude, new.id);
END;
CREATE TRIGGER facilities_geo_ad AFTER DELETE ON facilities BEGIN
  DELETE FROM facilities_geo WHERE code = old.id;
END;
CREATE TRIGGER facilities_geo_au AFTER UPDATE OF id, latitude, longitude ON facilities BEGIN
  DELETE FROM facilities_geo WHERE code = old.id;
  INSERT INTO facilities_geo(id, min_lat, max_lat, min_lon, max_lon, code)
    SELECT (SELECT coalesce(max(id), 0) + 1 FROM facilities_geo), new.latitude, new.latitude, new.longitude,
           new.longitude, new.id
    WHERE new.latitude IS NOT NULL AND new.longitude IS NOT NULL;
END;
-- Reports and lists.
CREATE INDEX visits_day ON visits(day, facility, poli);
CREATE INDEX complaints_facility ON complaints(facility, status);
)SQL";
}

}  // namespace simpul::storage
