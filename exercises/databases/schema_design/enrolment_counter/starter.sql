-- Exercise: the course page that says 31 students when 28 are enrolled.
--
-- Symptom: courses.enrolment_count was added so the catalog page does not count enrollments on every view.
-- Since then the numbers only go up: students who drop a course are still counted, and a student who
-- switches from db101 to net201 is counted in both.
--
-- Diagnose it with the check (`make exercise ID=databases/schema_design/enrolment_counter`): it runs this
-- migration on the school database, then a few hundred random enrollments, drop-outs, course switches and
-- grade changes, written straight in SQL as the admin scripts do, and compares the counter with count(*)
-- after each one. Then fix the migration so the database keeps the copy correct by itself. SQLite runs it.

ALTER TABLE courses ADD COLUMN enrolment_count INTEGER NOT NULL DEFAULT 0;

UPDATE courses
SET enrolment_count = (SELECT count(*) FROM enrolments AS e WHERE e.course = courses.id);

CREATE TRIGGER enrolments_count_insert AFTER INSERT ON enrolments
BEGIN
    UPDATE courses SET enrolment_count = enrolment_count + 1 WHERE id = NEW.course;
END;
