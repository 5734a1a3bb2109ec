INSERT INTO students (id, name) VALUES ('s1', 'Ada'), ('s2', 'Grace'), ('s3', 'Linus');
INSERT INTO teachers (name, room) VALUES ('Codd', 'R101'), ('Date', 'R202');
INSERT INTO courses (id, title, teacher) VALUES
    ('db101', 'Databases', 'Codd'),
    ('sql201', 'Advanced SQL', 'Codd'),
    ('th301', 'Relational theory', 'Date');
INSERT INTO enrolments (student, course, grade) VALUES
    ('s1', 'db101', 'A'), ('s1', 'th301', 'B'), ('s2', 'db101', 'B'),
    ('s2', 'sql201', NULL), ('s3', 'sql201', 'C');

-- The flat copy after an update anomaly: one of Codd's rows was moved to a new room, the others were not.
INSERT INTO enrolment_flat SELECT * FROM enrolment_report;
UPDATE enrolment_flat SET teacher_room = 'R105' WHERE student = 's1' AND course = 'db101';
