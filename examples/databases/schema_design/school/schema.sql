-- The schema design lesson's school in PostgreSQL: the normalized tables with their constraints, the
-- report view that joins them back, and the flat table they replace (kept to show its anomalies).
CREATE TABLE students (id text PRIMARY KEY, name text NOT NULL);
CREATE TABLE teachers (name text PRIMARY KEY, room text NOT NULL);
CREATE TABLE courses (
    id text PRIMARY KEY,
    title text NOT NULL UNIQUE,
    teacher text NOT NULL REFERENCES teachers (name)
);
CREATE TABLE enrolments (
    student text NOT NULL REFERENCES students (id),
    course text NOT NULL REFERENCES courses (id),
    grade text CHECK (grade IN ('A', 'B', 'C', 'D', 'F')),
    PRIMARY KEY (student, course)
);

CREATE VIEW enrolment_report AS
SELECT e.student, s.name AS student_name, e.course, c.title AS course_title,
       c.teacher, t.room AS teacher_room, e.grade
FROM enrolments AS e
JOIN students AS s ON s.id = e.student
JOIN courses AS c ON c.id = e.course
JOIN teachers AS t ON t.name = c.teacher;

-- One row per enrolment with everything repeated: what the normalized tables replace.
CREATE TABLE enrolment_flat (
    student text, student_name text, course text, course_title text,
    teacher text, teacher_room text, grade text
);
