-- Runnable blocks of the schema design lesson: constraints rejecting bad rows, on a fresh school each Run.

-- --8<-- [start:check]
-- 'E' is not a grade: the CHECK constraint rejects the row.
INSERT INTO enrolments (student, course, grade) VALUES ('s3', 'db101', 'E');
-- --8<-- [end:check]

-- --8<-- [start:foreign_key]
-- There is no student s9: the foreign key rejects the row.
INSERT INTO enrolments (student, course, grade) VALUES ('s9', 'db101', 'A');
-- --8<-- [end:foreign_key]

-- --8<-- [start:primary_key]
-- Ada is already enrolled in db101: the composite primary key rejects a second enrolment.
INSERT INTO enrolments (student, course, grade) VALUES ('s1', 'db101', 'C');
-- --8<-- [end:primary_key]

-- --8<-- [start:not_null]
INSERT INTO teachers (name, room) VALUES ('Stonebraker', NULL);
-- --8<-- [end:not_null]

-- --8<-- [start:view]
SELECT student_name, course_title, teacher, teacher_room, grade
FROM enrolment_report
ORDER BY student, course;
-- --8<-- [end:view]

-- --8<-- [start:anomaly]
-- The flat table after a partial update: Codd is now in two rooms at once.
SELECT teacher, teacher_room, count(*) AS rows
FROM enrolment_flat
GROUP BY teacher, teacher_room
ORDER BY teacher, teacher_room;
-- --8<-- [end:anomaly]
