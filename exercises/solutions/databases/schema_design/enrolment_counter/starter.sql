-- Reference solution: a denormalized copy needs a mechanism for every way the source can change. Rows can
-- be inserted, deleted, and updated to point at another course; each gets a trigger that runs in the same
-- transaction as the change, so the count and the rows cannot disagree after a commit.

ALTER TABLE courses ADD COLUMN enrolment_count INTEGER NOT NULL DEFAULT 0;

UPDATE courses
SET enrolment_count = (SELECT count(*) FROM enrolments AS e WHERE e.course = courses.id);

CREATE TRIGGER enrolments_count_insert AFTER INSERT ON enrolments
BEGIN
    UPDATE courses SET enrolment_count = enrolment_count + 1 WHERE id = NEW.course;
END;

CREATE TRIGGER enrolments_count_delete AFTER DELETE ON enrolments
BEGIN
    UPDATE courses SET enrolment_count = enrolment_count - 1 WHERE id = OLD.course;
END;

-- Only a change of course moves a student between counters; a new grade changes nothing.
CREATE TRIGGER enrolments_count_switch AFTER UPDATE OF course ON enrolments
WHEN OLD.course IS NOT NEW.course
BEGIN
    UPDATE courses SET enrolment_count = enrolment_count - 1 WHERE id = OLD.course;
    UPDATE courses SET enrolment_count = enrolment_count + 1 WHERE id = NEW.course;
END;
